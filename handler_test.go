package awsaccess_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

var epoch = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// world is a Cloud on a fixed clock with one standalone account whose root
// user has an access key.
type world struct {
	t     testing.TB
	cloud *awsaccess.Cloud
	srv   *httptest.Server
	now   time.Time
	root  sigv4.Credentials
}

func newWorld(t testing.TB) *world {
	t.Helper()
	w := &world{t: t, now: epoch}
	w.cloud = awsaccess.New(awsaccess.Config{Now: func() time.Time { return w.now }, Seed: 42, PasswordHashIterations: 1})
	if _, err := w.cloud.CreateAccount("111111111111", "mgmt@example.com", "management"); err != nil {
		t.Fatal(err)
	}
	acct, err := w.cloud.IAM().Account("111111111111")
	if err != nil {
		t.Fatal(err)
	}
	key, err := acct.CreateAccessKey("")
	if err != nil {
		t.Fatal(err)
	}
	w.root = sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}
	w.srv = httptest.NewServer(w.cloud.Handler())
	t.Cleanup(w.srv.Close)
	return w
}

// query sends a signed query-protocol call and returns status and body.
func (w *world) query(creds sigv4.Credentials, service, region string, form url.Values) (int, string) {
	w.t.Helper()
	body := form.Encode()
	req, _ := http.NewRequest(http.MethodPost, w.srv.URL+"/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	var s sigv4.Signer
	if creds.AccessKeyID != "" {
		if err := s.Sign(req, creds, "", service, region, w.now, nil); err != nil {
			w.t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestGetCallerIdentityOverHTTP(t *testing.T) {
	w := newWorld(t)
	status, body := w.query(w.root, "sts", "us-east-1", url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}})
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	for _, want := range []string{"<GetCallerIdentityResponse", "<Arn>arn:aws:iam::111111111111:root</Arn>", "<Account>111111111111</Account>", "<UserId>111111111111</UserId>", "<RequestId>"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

func TestUnsignedAndBadSignatures(t *testing.T) {
	w := newWorld(t)
	form := url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}}
	status, body := w.query(sigv4.Credentials{}, "sts", "us-east-1", form)
	if status != 403 || !strings.Contains(body, "<Code>MissingAuthenticationToken</Code>") {
		t.Errorf("unsigned: %d\n%s", status, body)
	}
	bad := w.root
	bad.SecretAccessKey = "wrong" + bad.SecretAccessKey[5:]
	status, body = w.query(bad, "sts", "us-east-1", form)
	if status != 403 || !strings.Contains(body, "<Code>SignatureDoesNotMatch</Code>") {
		t.Errorf("bad secret: %d\n%s", status, body)
	}
	unknown := sigv4.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "x"}
	status, body = w.query(unknown, "sts", "us-east-1", form)
	if status != 403 || !strings.Contains(body, "<Code>InvalidClientTokenId</Code>") {
		t.Errorf("unknown key: %d\n%s", status, body)
	}
	if n := len(w.cloud.Audit().Query(awsaccess.AuditQuery{ErrorsOnly: true})); n != 3 {
		t.Errorf("audit trail holds %d failed calls, want 3", n)
	}
}
