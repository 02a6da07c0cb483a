package authn_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

type imdsClient struct {
	t   *testing.T
	srv *httptest.Server
}

func (c imdsClient) do(method, path string, header map[string]string) (int, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, nil)
	ok(c.t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.srv.Client().Do(req)
	ok(c.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	ok(c.t, err)
	return resp.StatusCode, string(b)
}

func (c imdsClient) token(ttl string) string {
	c.t.Helper()
	status, body := c.do(http.MethodPut, "/latest/api/token", map[string]string{"X-aws-ec2-metadata-token-ttl-seconds": ttl})
	if status != http.StatusOK {
		c.t.Fatalf("PUT token: %d %s", status, body)
	}
	return body
}

type imdsCreds struct {
	Code, LastUpdated, Type, AccessKeyId, SecretAccessKey, Token, Expiration, Message string
}

func (c imdsClient) creds(tok, role string) imdsCreds {
	c.t.Helper()
	status, body := c.do(http.MethodGet, "/latest/meta-data/iam/security-credentials/"+role, map[string]string{"X-aws-ec2-metadata-token": tok})
	if status != http.StatusOK {
		c.t.Fatalf("GET credentials: %d %s", status, body)
	}
	var v imdsCreds
	ok(c.t, json.Unmarshal([]byte(body), &v))
	return v
}

func imdsWorld(t *testing.T, trust string) (*world, imdsClient) {
	w := newWorld(t)
	must[authn.Role](t)(w.a.CreateRole(authn.CreateRoleInput{RoleName: "WebRole", Path: "/app/", AssumeRolePolicyDocument: trust}))
	ok(t, w.a.PutRolePolicy("WebRole", "s3", allow("s3:GetObject", "*")))
	must[authn.InstanceProfile](t)(w.a.CreateInstanceProfile("", "web", nil))
	ok(t, w.a.AddRoleToInstanceProfile("web", "WebRole"))
	ok(t, w.d.RegisterInstance(acctA, "i-0123456789abcdef0", "web"))
	srv := httptest.NewServer(w.d.InstanceMetadata("i-0123456789abcdef0"))
	t.Cleanup(srv.Close)
	return w, imdsClient{t: t, srv: srv}
}

func TestInstanceMetadataFlow(t *testing.T) {
	w, c := imdsWorld(t, ec2Trust)
	tok := c.token("21600")
	status, role := c.do(http.MethodGet, "/latest/meta-data/iam/security-credentials/", map[string]string{"X-aws-ec2-metadata-token": tok})
	if status != http.StatusOK || role != "WebRole" {
		t.Fatalf("role name: %d %q", status, role)
	}
	cr := c.creds(tok, role)
	now := w.clock.Now()
	want := imdsCreds{
		Code: "Success", LastUpdated: now.Format(time.RFC3339), Type: "AWS-HMAC",
		AccessKeyId: cr.AccessKeyId, SecretAccessKey: cr.SecretAccessKey, Token: cr.Token,
		Expiration: now.Add(authn.InstanceCredentialDuration).Format(time.RFC3339),
	}
	if diff := cmp.Diff(want, cr); diff != "" {
		t.Errorf("credentials (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(cr.AccessKeyId, "ASIA") || cr.SecretAccessKey == "" || cr.Token == "" {
		t.Errorf("credentials %+v", cr)
	}
	id := must[*authn.Identity](t)(w.d.Resolve(cr.AccessKeyId))
	r := must[authn.Role](t)(w.a.GetRole("WebRole"))
	wantP := authz.Principal{
		Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + acctA + ":assumed-role/WebRole/i-0123456789abcdef0",
		Account: acctA, RoleARN: r.ARN, UniqueID: r.RoleID, UserID: r.RoleID + ":i-0123456789abcdef0", AccessKeyID: cr.AccessKeyId,
	}
	if diff := cmp.Diff(wantP, id.Principal); diff != "" {
		t.Errorf("principal (-want +got):\n%s", diff)
	}
	if id.RoleChained {
		t.Error("instance credentials are marked as role chaining")
	}
	if !w.allowed(t, &id.Principal, "s3:GetObject", "*") {
		t.Error("instance credentials lack the role's permissions")
	}
	status, body := c.do(http.MethodGet, "/latest/meta-data/instance-id", map[string]string{"X-aws-ec2-metadata-token": tok})
	if status != 200 || body != "i-0123456789abcdef0" {
		t.Errorf("instance-id: %d %q", status, body)
	}
	status, body = c.do(http.MethodGet, "/latest/meta-data/iam/info", map[string]string{"X-aws-ec2-metadata-token": tok})
	if status != 200 || !strings.Contains(body, `"InstanceProfileArn" : "arn:aws:iam::111111111111:instance-profile/web"`) {
		t.Errorf("iam/info: %d %s", status, body)
	}

	// Rotation: the same credentials until less than five minutes remain.
	w.clock.Advance(authn.InstanceCredentialDuration - authn.InstanceCredentialRefresh - time.Second)
	tok = c.token("60")
	if again := c.creds(tok, role); again.AccessKeyId != cr.AccessKeyId {
		t.Error("credentials rotated more than five minutes before expiry")
	}
	w.clock.Advance(2 * time.Second)
	rotated := c.creds(tok, role)
	if rotated.AccessKeyId == cr.AccessKeyId {
		t.Fatal("credentials not rotated within five minutes of expiry")
	}
	if rotated.LastUpdated != w.clock.Now().Format(time.RFC3339) {
		t.Errorf("LastUpdated = %s", rotated.LastUpdated)
	}
	// The old ones still work until they expire.
	if _, err := w.d.Resolve(cr.AccessKeyId); err != nil {
		t.Errorf("old credentials before expiry: %v", err)
	}
	w.clock.Advance(authn.InstanceCredentialRefresh)
	if _, err := w.d.Resolve(cr.AccessKeyId); err == nil {
		t.Error("old credentials resolve after expiry")
	}
}

func TestInstanceMetadataTokens(t *testing.T) {
	w, c := imdsWorld(t, ec2Trust)
	path := "/latest/meta-data/iam/security-credentials/"
	for _, ttl := range []string{"", "0", "21601", "abc"} {
		status, _ := c.do(http.MethodPut, "/latest/api/token", map[string]string{"X-aws-ec2-metadata-token-ttl-seconds": ttl})
		if status != http.StatusBadRequest {
			t.Errorf("PUT token with TTL %q: %d, want 400", ttl, status)
		}
	}
	if status, _ := c.do(http.MethodGet, "/latest/api/token", nil); status != http.StatusMethodNotAllowed {
		t.Errorf("GET token: %d, want 405", status)
	}
	if status, _ := c.do(http.MethodGet, path, nil); status != http.StatusUnauthorized {
		t.Errorf("GET without token (IMDSv1): %d, want 401", status)
	}
	if status, _ := c.do(http.MethodGet, path, map[string]string{"X-aws-ec2-metadata-token": "forged"}); status != http.StatusUnauthorized {
		t.Errorf("GET with a forged token: %d, want 401", status)
	}
	tok := c.token("10")
	if status, _ := c.do(http.MethodGet, path, map[string]string{"X-aws-ec2-metadata-token": tok}); status != http.StatusOK {
		t.Errorf("GET with a fresh token: %d", status)
	}
	w.clock.Advance(10 * time.Second)
	if status, _ := c.do(http.MethodGet, path, map[string]string{"X-aws-ec2-metadata-token": tok}); status != http.StatusUnauthorized {
		t.Errorf("GET with an expired token: %d, want 401", status)
	}
	tok = c.token("60")
	if status, _ := c.do(http.MethodGet, path+"OtherRole", map[string]string{"X-aws-ec2-metadata-token": tok}); status != http.StatusNotFound {
		t.Errorf("GET another role: %d, want 404", status)
	}
	// Another instance's token is not accepted.
	ok(t, w.d.RegisterInstance(acctA, "i-0fedcba9", ""))
	other := httptest.NewServer(w.d.InstanceMetadata("i-0fedcba9"))
	defer other.Close()
	oc := imdsClient{t: t, srv: other}
	if status, _ := oc.do(http.MethodGet, path, map[string]string{"X-aws-ec2-metadata-token": tok}); status != http.StatusUnauthorized {
		t.Errorf("token of another instance: %d, want 401", status)
	}
	// An instance without a profile has no role.
	otok := oc.token("60")
	if status, _ := oc.do(http.MethodGet, path, map[string]string{"X-aws-ec2-metadata-token": otok}); status != http.StatusNotFound {
		t.Errorf("instance without profile: %d, want 404", status)
	}
}

func TestInstanceMetadataUntrusted(t *testing.T) {
	_, c := imdsWorld(t, trustAWS(acctA))
	got := c.creds(c.token("60"), "WebRole")
	if got.Code != "AssumeRoleUnauthorizedAccess" || got.AccessKeyId != "" {
		t.Errorf("role not trusting EC2: %+v", got)
	}
}

func TestRegisterInstanceErrors(t *testing.T) {
	w := newWorld(t)
	if err := w.d.RegisterInstance(acctA, "i-xyz", ""); err == nil {
		t.Error("bad instance id accepted")
	}
	wantErr(t, w.d.RegisterInstance(acctA, "i-01234567", "nope"), "NoSuchEntity", "Instance Profile nope cannot be found.")
}
