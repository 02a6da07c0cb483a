package sigv4

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The fast parser of the SDKs' form of the Authorization header agrees with
// the general parser wherever it accepts a header.
func FuzzParseHeaderFast(f *testing.F) {
	for _, s := range []string{
		"AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123abcd",
		"AWS4-ECDSA-P256-SHA256 Credential=AKID/20250301/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045",
		"AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=a, Signature=b",
		"AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/dynamodb/aws4_request,SignedHeaders=host,Signature=a",
		"AWS4-HMAC-SHA256 Credential=A=B/20250301/us-east-1/x/aws4_request, SignedHeaders=host, Signature=a\n",
		"AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/aws4_request, SignedHeaders=host, Signature=a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		var fast Authorization
		ok := parseHeaderFast(h, &fast)
		general, missing, err := parseHeaderGeneral(h)
		if !ok {
			return
		}
		if err != nil || missing != 0 {
			t.Fatalf("fast parser accepted %q; general parser: missing %b, %v", h, missing, err)
		}
		if d := cmp.Diff(general, fast); d != "" {
			t.Fatalf("%q parsed differently (-general +fast):\n%s", h, d)
		}
	})
}

// The SDKs' form takes the fast path.
func TestParseHeaderFastAccepts(t *testing.T) {
	const h = "AWS4-HMAC-SHA256 Credential=AKID/20250301/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123abcd"
	var a Authorization
	if !parseHeaderFast(h, &a) {
		t.Fatal("the SDK form was left to the general parser")
	}
	want := Authorization{Algorithm: AlgorithmV4, AccessKeyID: "AKID", Date: "20250301", Region: "us-east-1", Service: "dynamodb",
		Terminator: terminator, SignedHeaders: "content-type;host;x-amz-date", Signature: "0123abcd"}
	if d := cmp.Diff(want, a); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}
