package sigv4interop_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// botocoreCase is one request botocore_check.py signed.
type botocoreCase struct {
	Name            string      `json:"name"`
	Auth            string      `json:"auth"` // v4, s3v4, query-v4, query-s3
	Method          string      `json:"method"`
	Host            string      `json:"host"`
	Path            string      `json:"path"`
	Query           string      `json:"query"`
	Headers         [][2]string `json:"headers"`
	Body            string      `json:"body"`
	BodySHA256      string      `json:"body_sha256"`
	Service         string      `json:"service"`
	Region          string      `json:"region"`
	AccessKeyID     string      `json:"access_key_id"`
	SecretAccessKey string      `json:"secret_access_key"`
	SessionToken    string      `json:"session_token"`
	Expires         int         `json:"expires"`
	SignedURL       string      `json:"signed_url"`
	SignedHeaders   [][2]string `json:"signed_headers"`
	Time            time.Time   `json:"time"`
	UsesDateHeader  bool        `json:"uses_date_header"`
}

// runBotocore runs botocore_check.py; it skips the test when python3 or
// botocore is missing.
func runBotocore(t *testing.T) (version string, cases []botocoreCase) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: skipping the botocore comparison")
	}
	cmd := exec.Command("python3", "botocore_check.py")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		t.Skipf("botocore is not installed (pip install botocore): skipping the botocore comparison: %s", stderr.String())
	}
	if err != nil {
		t.Fatalf("botocore_check.py: %v\n%s", err, stderr.String())
	}
	var doc struct {
		Version string         `json:"botocore_version"`
		Cases   []botocoreCase `json:"cases"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("botocore_check.py output: %v", err)
	}
	if len(doc.Cases) == 0 {
		t.Fatal("botocore_check.py signed no requests")
	}
	return doc.Version, doc.Cases
}

func (c botocoreCase) keys() keys {
	return keys{c.AccessKeyID: {AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken,
		Active: true}}
}

// Every request botocore signs (SigV4Auth, S3SigV4Auth) or presigns
// (SigV4QueryAuth, S3SigV4QueryAuth) verifies with our Verifier, and our
// Signer computes botocore's signature where the rules coincide: botocore
// signs what it puts on the request (no Content-Length: it is added after
// signing), keeps a query that it finds in the URL as it is (the generator
// writes queries already in canonical encoding), and lets a trailing "/.."
// drop the trailing slash (the generator avoids dot segments).
func TestBotocore(t *testing.T) {
	version, cases := runBotocore(t)
	t.Logf("botocore %s signed %d requests", version, len(cases))
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			body, err := base64.StdEncoding.DecodeString(c.Body)
			if err != nil {
				t.Fatal(err)
			}
			r, err := http.NewRequest(c.Method, c.SignedURL, bytes.NewReader(body))
			if err != nil {
				t.Fatalf("botocore's URL %q: %v", c.SignedURL, err)
			}
			for _, h := range c.SignedHeaders {
				r.Header.Add(h[0], h[1])
			}
			v := &sigv4.Verifier{Keys: c.keys(), Regions: []string{c.Region}, Services: []string{c.Service}}
			now := c.Time.Add(time.Second)
			res, err := v.Verify(r, body, now)
			if err != nil {
				t.Fatalf("botocore's %s request does not verify: %v\n%s", c.Auth, err, canonicalOf(err))
			}
			if res.Presigned != strings.HasPrefix(c.Auth, "query") {
				t.Errorf("Result.Presigned = %v for %s", res.Presigned, c.Auth)
			}

			// Our signature for the same request (our Signer always signs
			// with X-Amz-Date).
			if c.UsesDateHeader {
				if r.Header.Get("Date") == "" || r.Header.Get("X-Amz-Date") != "" {
					t.Fatalf("botocore did not sign with the Date header: %v", r.Header)
				}
				return
			}
			s3 := c.Service == "s3"
			creds := sigv4.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
			u := "https://" + c.Host + c.Path
			if c.Query != "" {
				u += "?" + c.Query
			}
			parsed, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			ours := &http.Request{Method: c.Method, URL: parsed, Host: parsed.Host, Header: http.Header{}}
			for _, h := range c.Headers {
				ours.Header.Add(h[0], h[1])
			}
			var signer sigv4.Signer
			if res.Presigned {
				got, err := signer.Presign(ours, creds, c.Service, c.Region, c.Time, time.Duration(c.Expires)*time.Second, &sigv4.Options{S3: s3})
				if err != nil {
					t.Fatal(err)
				}
				if sig(c.SignedURL) == "" || sig(got) != sig(c.SignedURL) {
					t.Errorf("presigned signature differs\nours:     %s\nbotocore: %s", got, c.SignedURL)
				}
				return
			}
			if err := signer.Sign(ours, creds, c.BodySHA256, c.Service, c.Region, c.Time, &sigv4.Options{S3: s3}); err != nil {
				t.Fatal(err)
			}
			want := r.Header.Get("Authorization")
			if got := ours.Header.Get("Authorization"); got != want {
				cr, _ := sigv4.CanonicalRequest(ours, nil, c.BodySHA256, &sigv4.Options{S3: s3})
				t.Errorf("Authorization differs\nours:     %s\nbotocore: %s\nour canonical request:\n%s", got, want, cr)
			}
		})
	}
}
