// Package sigv4interop holds differential tests of
// github.com/seed-e2e06c4d/awsaccess/authn/sigv4 against real AWS signers:
// aws-sdk-go-v2's v4.Signer (sdk_test.go) and botocore (botocore_test.go,
// through botocore_check.py), and a benchmark of both Go signers on the same
// request (bench_test.go). It lives in the separate interop module so that
// importers of the library never download the SDK.
package sigv4interop
