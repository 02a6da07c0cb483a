package sigv4_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

func FuzzParseAuthorization(f *testing.F) {
	for _, s := range []string{
		"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
		"AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3045",
		"AWS4-HMAC-SHA256 Credential=AKID /20150830/us-east-1/service/aws4_request,SignedHeaders=host,Signature=00",
		"AWS4-HMAC-SHA256 Credential=a=b/c/d/e/f\tSignedHeaders=h Signature=s",
		"Basic dXNlcjpwYXNz", "", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ,,, ", "AWS4-HMAC-SHA256 Credential=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a, err := sigv4.ParseAuthorization(h)
		if err != nil {
			var e *sigv4.Error
			if !errors.As(err, &e) || !errors.Is(err, sigv4.ErrIncompleteSignature) || e.Message == "" {
				t.Fatalf("ParseAuthorization(%q) error %v (%T) does not wrap ErrIncompleteSignature", h, err, err)
			}
			return
		}
		if (a.Algorithm != sigv4.AlgorithmV4 && a.Algorithm != sigv4.AlgorithmV4a) || a.AccessKeyID == "" || a.SignedHeaders == "" || a.Signature == "" {
			t.Fatalf("ParseAuthorization(%q) = %+v without error", h, a)
		}
		// The parsed parts print back to a header that parses the same.
		scope := a.AccessKeyID + "/" + a.Date + "/" + a.Region + "/" + a.Service + "/" + a.Terminator
		if a.Algorithm == sigv4.AlgorithmV4a {
			scope = a.AccessKeyID + "/" + a.Date + "/" + a.Service + "/" + a.Terminator
		}
		again, err := sigv4.ParseAuthorization(a.Algorithm + " Credential=" + scope + ", SignedHeaders=" + a.SignedHeaders + ", Signature=" + a.Signature)
		if err != nil || again != a {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", h, again, err, a)
		}
	})
}

func FuzzParsePresigned(f *testing.F) {
	for _, s := range []string{
		"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d",
		"X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=A%2F1%2Fs%2Faws4_request&X-Amz-Date=x&X-Amz-Expires=1&X-Amz-SignedHeaders=host&X-Amz-Region-Set=*&X-Amz-Signature=00",
		"X-Amz-Algorithm=&X-Amz-Signature", "%58-Amz-Algorithm=AWS4-HMAC-SHA256", "a=b&&c", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		a, err := sigv4.ParsePresigned(q)
		if err != nil {
			if !errors.Is(err, sigv4.ErrAuthorizationQueryParameters) {
				t.Fatalf("ParsePresigned(%q) error %v does not wrap ErrAuthorizationQueryParameters", q, err)
			}
			return
		}
		if a.AccessKeyID == "" || a.Signature == "" || a.SignedHeaders == "" || a.AmzDate == "" || a.Expires == "" {
			t.Fatalf("ParsePresigned(%q) = %+v without error", q, a)
		}
		enc := func(s string) string { return strings.ReplaceAll(url.PathEscape(s), "&", "%26") }
		scope := a.AccessKeyID + "/" + a.Date + "/" + a.Region + "/" + a.Service + "/" + a.Terminator
		if a.Algorithm == sigv4.AlgorithmV4a {
			scope = a.AccessKeyID + "/" + a.Date + "/" + a.Service + "/" + a.Terminator
		}
		rebuilt := "X-Amz-Algorithm=" + enc(a.Algorithm) + "&X-Amz-Credential=" + enc(scope) + "&X-Amz-Date=" + enc(a.AmzDate) +
			"&X-Amz-Expires=" + enc(a.Expires) + "&X-Amz-SignedHeaders=" + enc(a.SignedHeaders) + "&X-Amz-Signature=" + enc(a.Signature)
		if a.SecurityToken != "" {
			rebuilt += "&X-Amz-Security-Token=" + enc(a.SecurityToken)
		}
		if a.RegionSet != "" {
			rebuilt += "&X-Amz-Region-Set=" + enc(a.RegionSet)
		}
		if again, err := sigv4.ParsePresigned(rebuilt); err != nil || again != a {
			t.Fatalf("round trip of %q via %q: %+v, %v; want %+v", q, rebuilt, again, err, a)
		}
	})
}

// The canonicaliser never panics, is deterministic, and what Sign signs
// Verify accepts, for any method, path, query, header and body.
func FuzzCanonicalRequest(f *testing.F) {
	f.Add("GET", "/", "", "X-Amz-Meta-A", "v", []byte(nil), false)
	f.Add("POST", "/a/../b//c/./d", "a=1&b=2&a=0&c+d&%zz=%", "My-Header", "  a \t b  ", []byte("body"), false)
	f.Add("PUT", "/key with spaces/ü", "x-id=PutObject", "x-amz-meta-b", "x", []byte{0, 1, 2}, true)
	f.Add("", "", ";;&&==", "Content-Type", "\r\n folded", []byte(nil), true)
	f.Fuzz(func(t *testing.T, method, path, rawQuery, hname, hvalue string, body []byte, s3 bool) {
		u := &url.URL{Scheme: "https", Host: "example.amazonaws.com", Path: path, RawQuery: rawQuery}
		r := &http.Request{Method: method, URL: u, Host: u.Host, Header: http.Header{}}
		if hname != "" {
			r.Header[hname] = []string{hvalue}
		}
		o := &sigv4.Options{S3: s3}
		c1, err1 := sigv4.CanonicalRequest(r, nil, sigv4.EmptyPayloadHash, o)
		c2, err2 := sigv4.CanonicalRequest(r, nil, sigv4.EmptyPayloadHash, o)
		if c1 != c2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("not deterministic: %q / %q", c1, c2)
		}
		if err1 != nil {
			return
		}
		lines := strings.Split(c1, "\n")
		if len(lines) < 6 || !strings.HasPrefix(lines[1+strings.Count(method, "\n")], "/") || !strings.HasSuffix(c1, "\n"+sigv4.EmptyPayloadHash) {
			t.Fatalf("malformed canonical request %q", c1)
		}
		if method != "" && !strings.Contains(method, "\n") {
			for _, ch := range lines[2] {
				if !strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%=&", ch) {
					t.Fatalf("canonical query %q has %q", lines[2], ch)
				}
			}
		}
		// Sign, then Verify.
		r.Body = http.NoBody
		var s sigv4.Signer
		c := sigv4.Credentials{AccessKeyID: testAKID, SecretAccessKey: testSecret}
		service := "service"
		if s3 {
			service = "s3"
		}
		if err := s.Sign(r, c, sha256Hex(body), service, "us-east-1", testTime, o); err != nil {
			if errors.Is(err, sigv4.ErrIncompleteSignature) {
				t.Fatalf("Sign: %v", err)
			}
			return // an invalid header name
		}
		if _, err := (&sigv4.Verifier{Keys: testKeys()}).Verify(r, body, testTime.Add(time.Minute)); err != nil {
			t.Fatalf("Verify after Sign of %q %q ?%q %q: %q: %v", method, path, rawQuery, hname, hvalue, err)
		}
	})
}
