// Package story runs the seeds' story of awsaccess end to end with the real
// aws-sdk-go-v2 clients of iam, sts, organizations and inspector2 against
// an httptest server of awsaccess.Cloud.Handler: a management account
// creates its organization and member accounts, designates Amazon
// Inspector's delegated administrator in two regions, the administrator
// enables scanning for the members, findings are listed and aggregated per
// account and severity, a suppression rule hides what is accepted, and every
// call that must be refused is refused with AWS's error code and wording,
// parsed by each SDK into its typed errors. Role sessions, web identity
// sessions and instance-profile sessions (served by the model's IMDS through
// the SDK's ec2rolecreds provider) act within their permissions.
//
// The package also checks the handler under concurrent signed traffic (the
// audit trail records every call and the model's invariants still hold
// afterwards) and benchmarks a signed call served in process.
//
// The Cloud's clock is injected: the tests advance it to complete
// asynchronous work (CreateAccount, Inspector's ENABLING), and the SDK
// clients sign with the same clock through their HTTPSignerV4 option, so
// that requests stay within the allowed clock skew.
//
// The package has only tests; it lives in the separate interop module so
// that importers of the library never download the SDK.
package story
