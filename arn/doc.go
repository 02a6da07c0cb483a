// Package arn handles Amazon Resource Names as values and as the patterns
// that IAM policies match them with.
//
// An ARN has the form
//
//	arn:partition:service:region:account-id:resource
//
// where the resource is everything after the fifth colon and may itself
// contain colons and slashes (arn:aws:sns:us-east-1:123456789012:topic:sub,
// arn:aws:s3:::bucket/key). [Parse] checks the form the way AWS writes it
// and returns an [ARN], a comparable value whose fields are kept exactly as
// written, so that Parse(s).String() == s for every s Parse accepts. [Split]
// cuts a string into its six parts without checking or allocating; the policy
// evaluator uses it on request values.
//
// # Patterns
//
// A [Pattern] is an ARN with IAM wildcards (`*` any run of characters, `?`
// one character; see package [github.com/seed-e2e06c4d/awsaccess/wildcard])
// as written in a policy's Resource and NotResource elements and in the
// values of the ArnLike and ArnEquals condition operators, which behave the
// same. A lone "*" matches every resource string, ARN or not. Any other
// pattern is matched segment by segment: partition, service, region and
// account each separately, so a `*` there cannot reach across a colon; the
// resource segment, everything after the fifth colon of both pattern and
// value, is matched as one wildcard pattern in which `*` crosses `/` and `:`.
// A value that is not ARN-shaped (no "arn:" prefix or fewer than six parts)
// matches no pattern but "*".
//
// This differs from plain string matching (StringLike): AWS's documentation of
// the ARN condition operators shows the pattern
// arn:aws:someservice:*:111122223333:finance/* matching
// arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt
// as a string but not as an ARN, because the region `*` would have to swallow
// colons
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
//
// # Case
//
// Every segment is matched case-sensitively. AWS documents the ARN condition
// operators as case-sensitive; this package applies the same rule to Resource
// and NotResource, which is the safe reading where AWS's documentation is
// silent (a case-insensitive match could grant access to a resource the
// policy author did not name).
package arn
