// Package authz is the IAM policy language: policy documents parsed and
// validated by kind, and requests evaluated against every policy type
// exactly as AWS documents it, with an explanation of each decision.
//
// # Policies
//
// [Parse] reads a JSON policy document of a [Kind] (identity-based,
// resource-based, role trust, permissions boundary, session, SCP, RCP),
// validates it with IAM's own rules and messages, and compiles it: action
// and resource wildcards become matchers, condition values are parsed for
// their operators and statements are indexed by service prefix. A
// [Policy] marshals back to JSON, and parsing that JSON gives the same
// policy.
//
// # Evaluation
//
// A [Request] names a [Principal], an action, a resource and the condition
// keys of the request ([Context]). A [PolicySet] holds every policy that
// bears on it, by role: identity-based policies, the permissions boundary,
// session policies, the resource-based policy, the SCP chain of the
// principal's account and the RCP chain of the resource's account, each
// a [PolicyList]. [Evaluate] returns the [Decision] without allocating;
// [Explain] returns an [Explanation] naming the policy type and
// statements that decided, in AWS's wording ("with an explicit deny in a
// service control policy", "because no identity-based policy allows the
// s3:GetObject action").
//
// Conditions support every operator (String*, Numeric*, Date*, Bool,
// BinaryEquals, IpAddress, NotIpAddress, Arn*, Null), their IfExists
// forms and the ForAllValues:/ForAnyValue: set qualifiers, with AWS's rules
// for missing keys, empty sets, negated operators (a NOR over the policy's
// values) and multi-valued keys. Policy variables (${aws:username},
// ${aws:PrincipalTag/team, 'default'}, ${*}, ${?}, ${$}) are substituted in
// 2012-10-17 documents only.
//
// The package is pure: no state, no clock, no I/O; every value is
// immutable once built and safe for concurrent use.
package authz
