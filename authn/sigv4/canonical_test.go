package sigv4_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

func canonicalLines(t *testing.T, r *http.Request, o *sigv4.Options) []string {
	t.Helper()
	cr, err := sigv4.CanonicalRequest(r, nil, sigv4.EmptyPayloadHash, o)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(cr, "\n")
}

func TestCanonicalURI(t *testing.T) {
	tests := []struct {
		name         string
		u            url.URL
		want, wantS3 string
	}{
		{"empty", url.URL{Host: "h"}, "/", "/"},
		{"root", url.URL{Host: "h", Path: "/"}, "/", "/"},
		{"space is encoded twice", url.URL{Host: "h", Path: "/documents and settings/"}, "/documents%2520and%2520settings/", "/documents%20and%20settings/"},
		{"dot segments and slashes", url.URL{Host: "h", Path: "/a/./b/../c//d/"}, "/a/c/d/", "/a/./b/../c//d/"},
		{"dot-dot above the root", url.URL{Host: "h", Path: "/../../a"}, "/a", "/../../a"},
		{"trailing dot", url.URL{Host: "h", Path: "/a/b/."}, "/a/b/", "/a/b/."},
		{"unicode", url.URL{Host: "h", Path: "/ü"}, "/%25C3%25BC", "/%C3%BC"},
		{"plus and reserved", url.URL{Host: "h", Path: "/a+b=c:d@e"}, "/a%2Bb%3Dc%3Ad%40e", "/a%2Bb%3Dc%3Ad%40e"},
		{"wire escapes kept by S3", url.URL{Host: "h", Path: "/a/b", RawPath: "/a%2fb"}, "/a%252fb", "/a%2Fb"},
		{"unreserved", url.URL{Host: "h", Path: "/-._~AZaz09"}, "/-._~AZaz09", "/-._~AZaz09"},
		{"opaque", url.URL{Host: "h", Opaque: "//h/x y"}, "/x%20y", "/x%20y"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.u
			r := &http.Request{Method: "GET", URL: &u, Host: "h", Header: http.Header{}}
			if got := canonicalLines(t, r, nil)[1]; got != tc.want {
				t.Errorf("canonical URI = %q, want %q", got, tc.want)
			}
			if got := canonicalLines(t, r, &sigv4.Options{S3: true})[1]; got != tc.wantS3 {
				t.Errorf("S3 canonical URI = %q, want %q", got, tc.wantS3)
			}
		})
	}
}

func TestCanonicalQuery(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", ""},
		{"a=1&b=2&a=0", "a=0&a=1&b=2"},
		{"c+d", "c%2Bd="},
		{"q=a+b", "q=a%2Bb"},
		{"a;b=c", "a%3Bb=c"},
		{"x=%7e&y=%7E", "x=~&y=~"},
		{"x=%zz&y=%4", "x=%25zz&y=%254"},
		{"a&&b", "a=&b="},
		{"=v", "=v"},
		{"Param-3=1&Param=2", "Param=2&Param-3=1"},
		{"B=1&a=2", "B=1&a=2"},
		{"q=a b&r=é", "q=a%20b&r=%C3%A9"},
		{"k=v=w", "k=v%3Dw"},
		{"s=%2F%2f", "s=%2F%2F"},
	}
	for _, tc := range tests {
		r := &http.Request{Method: "GET", URL: &url.URL{Host: "h", Path: "/", RawQuery: tc.raw}, Host: "h",
			Header: http.Header{"Authorization": {"x"}}}
		if got := canonicalLines(t, r, nil)[2]; got != tc.want {
			t.Errorf("query %q: canonical = %q, want %q", tc.raw, got, tc.want)
		}
	}
	// A presigned request (no Authorization header) leaves X-Amz-Signature out.
	r := &http.Request{Method: "GET", URL: &url.URL{Host: "h", Path: "/", RawQuery: "X-Amz-Signature=abc&a=1"}, Host: "h"}
	if got := canonicalLines(t, r, nil)[2]; got != "a=1" {
		t.Errorf("presigned canonical query = %q", got)
	}
}

func TestCanonicalHeaderFolding(t *testing.T) {
	r := &http.Request{Method: "POST", URL: &url.URL{Host: "example.amazonaws.com", Path: "/"}, Host: "example.amazonaws.com",
		Header: http.Header{
			"My-Header1":      {"value1\r\n  value2\r\n     value3"}, // obs-fold, as in the original suite
			"My-Header2":      {" a\t\tb \f c "},
			"X-Amz-Meta-List": {"b", " a "},
			"User-Agent":      {"skipped"},
			"Authorization":   {"skipped"},
			"Expect":          {"100-continue"},
		},
		ContentLength: 12,
	}
	got := canonicalLines(t, r, nil)
	want := []string{
		"POST", "/", "",
		"content-length:12",
		"host:example.amazonaws.com",
		"my-header1:value1 value2 value3",
		"my-header2:a b c",
		"x-amz-meta-list:b,a",
		"",
		"content-length;host;my-header1;my-header2;x-amz-meta-list",
		sigv4.EmptyPayloadHash,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("canonical request (-want +got):\n%s", diff)
	}
	// An explicit list is lower-cased, sorted, de-duplicated and always
	// holds host.
	cr, err := sigv4.CanonicalRequest(r, []string{"My-Header2", "my-header2", "Missing"}, "UNSIGNED-PAYLOAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "POST\n/\n\nhost:example.amazonaws.com\nmissing:\nmy-header2:a b c\n\nhost;missing;my-header2\nUNSIGNED-PAYLOAD"; cr != want {
		t.Fatalf("canonical request = %q, want %q", cr, want)
	}
}

func TestScopeAndStringToSign(t *testing.T) {
	if got := sigv4.Scope(suiteTime, "us-east-1", "iam"); got != "20150830/us-east-1/iam/aws4_request" {
		t.Errorf("Scope = %q", got)
	}
	got := sigv4.StringToSign(suiteTime, "us-east-1", "iam", "x")
	want := "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
	if got != want {
		t.Errorf("StringToSign = %q, want %q", got, want)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
