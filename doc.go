// Package awsaccess is a reference Go model of how AWS decides who may do
// what, faithful enough to test security tooling and cloud automation
// against it instead of a real account.
//
// The module is layered; imports point down only:
//
//   - [github.com/seed-e2e06c4d/awsaccess/wildcard] and
//     [github.com/seed-e2e06c4d/awsaccess/arn]: the IAM wildcard matcher
//     (`*` and `?`, linear time, no regular expressions) and ARNs as values
//     with segment-aware patterns.
//   - [github.com/seed-e2e06c4d/awsaccess/authz]: the IAM policy language.
//     Policies are parsed and validated by kind (identity, resource, trust,
//     permissions boundary, session, SCP, RCP) and a request is evaluated
//     against every policy type exactly as AWS documents it, with an
//     explanation of the decision. Pure: no state, no clock, no I/O.
//   - authn: identities (root user, IAM users, groups, roles, instance
//     profiles, federated users, service principals, service-linked roles),
//     STS sessions and AWS Signature Version 4. It builds the request
//     context authz evaluates.
//   - org: AWS Organizations: accounts, organizational units, SCPs and RCPs,
//     trusted access and delegated administrators.
//   - inspector: Amazon Inspector across an organization: delegated
//     administration, member scans, findings, suppression rules and
//     aggregations; and Inspector Classic.
//   - this package, awsaccess: the composition root (Cloud) and the HTTP
//     front end that real AWS clients talk to. The Cloud keeps an audit
//     trail of every call (AuditLog) and snapshots the whole world to JSON
//     (Cloud.Snapshot, Restore): a restored Cloud answers the same calls
//     with the same results, ids and tokens.
//
// Runnable programs live under examples/ (start with examples/quickstart);
// tests against real AWS clients and peers live in the separate interop
// module so that importers of the library never download them.
package awsaccess
