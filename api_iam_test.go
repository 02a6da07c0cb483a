package awsaccess_test

import (
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// The IAM golden files are rewritten with `go test -run IAMGolden -update`;
// the flag is shared with the other services' golden tests.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/golden")
	}
}

func iamUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const iamAccount = "111111111111"

// iamWorld is a Cloud on a fixed clock and seed with one standalone
// account whose root user has an access key. Calls are signed at the
// world's time and handed to the Handler in-process, so request ids, ids
// and dates in the responses are reproducible.
type iamWorld struct {
	t       rapid.TB
	cloud   *awsaccess.Cloud
	handler http.Handler

	mu  sync.Mutex
	now time.Time

	root sigv4.Credentials
	dir  string
	step int
}

func newIAMWorld(t rapid.TB) *iamWorld {
	t.Helper()
	w := &iamWorld{t: t, now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), dir: filepath.Join("testdata", "golden", "iam")}
	w.cloud = awsaccess.New(awsaccess.Config{Now: w.clock, Seed: 42, PasswordHashIterations: 1})
	w.handler = w.cloud.Handler()
	if _, err := w.cloud.CreateAccount(iamAccount, "owner@example.com", "owner"); err != nil {
		t.Fatal(err)
	}
	key, err := w.account().CreateAccessKey("")
	if err != nil {
		t.Fatal(err)
	}
	w.root = sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}
	return w
}

func (w *iamWorld) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *iamWorld) advance(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

func (w *iamWorld) account() *authn.Account {
	w.t.Helper()
	acct, err := w.cloud.IAM().Account(iamAccount)
	if err != nil {
		w.t.Fatal(err)
	}
	return acct
}

// user creates an IAM user with an access key, and inline policies given
// as name, document pairs.
func (w *iamWorld) user(name string, policies ...string) sigv4.Credentials {
	w.t.Helper()
	acct := w.account()
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: name}); err != nil {
		w.t.Fatal(err)
	}
	for i := 0; i+1 < len(policies); i += 2 {
		if err := acct.PutUserPolicy(name, policies[i], policies[i+1]); err != nil {
			w.t.Fatal(err)
		}
	}
	key, err := acct.CreateAccessKey(name)
	if err != nil {
		w.t.Fatal(err)
	}
	return sigv4.Credentials{AccessKeyID: key.AccessKeyID, SecretAccessKey: key.SecretAccessKey}
}

// request builds a signed IAM query request.
func (w *iamWorld) request(creds sigv4.Credentials, action string, params url.Values) *http.Request {
	w.t.Helper()
	form := url.Values{"Action": {action}, "Version": {"2010-05-08"}}
	for k, v := range params {
		form[k] = v
	}
	req := httptest.NewRequest(http.MethodPost, "https://iam.amazonaws.com/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	var s sigv4.Signer
	if err := s.Sign(req, creds, "", "iam", "us-east-1", w.clock(), nil); err != nil {
		w.t.Fatal(err)
	}
	return req
}

// call sends one IAM operation and returns the status and body.
func (w *iamWorld) call(creds sigv4.Credentials, action string, params url.Values) (int, string) {
	w.t.Helper()
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, w.request(creds, action, params))
	return rec.Code, rec.Body.String()
}

// mustCall is call that fails the test unless the status is 200.
func (w *iamWorld) mustCall(creds sigv4.Credentials, action string, params url.Values) string {
	w.t.Helper()
	status, body := w.call(creds, action, params)
	if status != http.StatusOK {
		w.t.Fatalf("%s: HTTP %d\n%s", action, status, body)
	}
	return body
}

// golden sends one operation and records the exchange under
// testdata/golden/iam (or compares it with the recording). who names the
// caller in the file.
func (w *iamWorld) golden(name, who string, creds sigv4.Credentials, action string, params url.Values) (int, string) {
	w.t.Helper()
	status, body := w.call(creds, action, params)
	w.step++
	file := filepath.Join(w.dir, fmt.Sprintf("%s-%02d-%s.txt", w.t.Name()[len("TestIAMGolden"):], w.step, name))
	file = strings.ReplaceAll(file, "/", string(filepath.Separator))
	var b strings.Builder
	fmt.Fprintf(&b, "# caller: %s\nPOST / (iam, query protocol)\n\nAction=%s\n", who, action)
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range params[k] {
			fmt.Fprintf(&b, "%s=%s\n", k, v)
		}
	}
	fmt.Fprintf(&b, "\nHTTP %d\n%s", status, body)
	got := b.String()
	if iamUpdate() {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			w.t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			w.t.Fatal(err)
		}
		return status, body
	}
	want, err := os.ReadFile(file)
	if err != nil {
		w.t.Fatalf("%v (run with -update to record it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		w.t.Errorf("%s differs from the recording (-want +got):\n%s", file, diff)
	}
	return status, body
}

// xmlValue returns the text of the first <name> element of an XML body.
func iamXML(body, name string) string {
	m := regexp.MustCompile("<" + name + ">([^<]*)</" + name + ">").FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// xmlValues returns the texts of every <name> element of an XML body.
func iamXMLAll(body, name string) []string {
	var out []string
	for _, m := range regexp.MustCompile("<"+name+">([^<]*)</"+name+">").FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func iamParams(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

const (
	iamReadS3      = `{"Version":"2012-10-17","Statement":{"Sid":"ReadS3","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}}`
	iamEC2Trust    = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}`
	iamReadOnlyARN = "arn:aws:iam::aws:policy/ReadOnlyAccess"
)

func TestIAMGoldenUsers(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	w.golden("CreateUser-tags", root, w.root, "CreateUser", iamParams("UserName", "alice", "Path", "/eng/",
		"Tags.member.1.Key", "team", "Tags.member.1.Value", "blue", "Tags.member.2.Key", "cost-center", "Tags.member.2.Value", "42"))
	w.advance(time.Minute)
	w.golden("GetUser", root, w.root, "GetUser", iamParams("UserName", "alice"))
	for _, name := range []string{"bob", "carol", "dave"} {
		w.mustCall(w.root, "CreateUser", iamParams("UserName", name))
	}
	_, body := w.golden("ListUsers-page1", root, w.root, "ListUsers", iamParams("MaxItems", "2"))
	marker := iamXML(body, "Marker")
	if marker == "" {
		t.Fatalf("first page is not truncated:\n%s", body)
	}
	_, body = w.golden("ListUsers-page2", root, w.root, "ListUsers", iamParams("MaxItems", "2", "Marker", marker))
	if got := iamXMLAll(body, "UserName"); !cmp.Equal(got, []string{"carol", "dave"}) || iamXML(body, "IsTruncated") != "false" {
		t.Errorf("second page holds %v", got)
	}
	w.golden("CreateAccessKey", root, w.root, "CreateAccessKey", iamParams("UserName", "alice"))
	w.golden("PutUserPolicy", root, w.root, "PutUserPolicy", iamParams("UserName", "alice", "PolicyName", "ReadS3", "PolicyDocument", iamReadS3))
	w.golden("GetUserPolicy", root, w.root, "GetUserPolicy", iamParams("UserName", "alice", "PolicyName", "ReadS3"))
	w.golden("AttachUserPolicy-managed", root, w.root, "AttachUserPolicy", iamParams("UserName", "alice", "PolicyArn", iamReadOnlyARN))
	w.golden("ListAttachedUserPolicies", root, w.root, "ListAttachedUserPolicies", iamParams("UserName", "alice"))
	w.golden("GetPolicy-aws-managed", root, w.root, "GetPolicy", iamParams("PolicyArn", iamReadOnlyARN))
}

func TestIAMGoldenRoles(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	w.golden("CreateRole", root, w.root, "CreateRole", iamParams("RoleName", "app", "Path", "/service/", "AssumeRolePolicyDocument", iamEC2Trust,
		"Description", "the application", "MaxSessionDuration", "7200", "Tags.member.1.Key", "env", "Tags.member.1.Value", "prod"))
	w.golden("GetRole", root, w.root, "GetRole", iamParams("RoleName", "app"))
	_, body := w.golden("CreateServiceLinkedRole", root, w.root, "CreateServiceLinkedRole", iamParams("AWSServiceName", "inspector2.amazonaws.com"))
	name := iamXML(body, "RoleName")
	w.golden("DeleteRole-service-linked", root, w.root, "DeleteRole", iamParams("RoleName", name))
	_, body = w.golden("DeleteServiceLinkedRole", root, w.root, "DeleteServiceLinkedRole", iamParams("RoleName", name))
	w.golden("GetServiceLinkedRoleDeletionStatus", root, w.root, "GetServiceLinkedRoleDeletionStatus", iamParams("DeletionTaskId", iamXML(body, "DeletionTaskId")))
}

func TestIAMGoldenErrors(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	w.golden("GetUser-NoSuchEntity", root, w.root, "GetUser", iamParams("UserName", "nobody"))
	w.mustCall(w.root, "CreateUser", iamParams("UserName", "alice"))
	w.golden("CreateUser-EntityAlreadyExists", root, w.root, "CreateUser", iamParams("UserName", "ALICE"))
	w.golden("PutUserPolicy-MalformedPolicyDocument", root, w.root, "PutUserPolicy", iamParams("UserName", "alice", "PolicyName", "bad",
		"PolicyDocument", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject"}}`))
	bob := w.user("bob", "ReadS3", iamReadS3)
	w.golden("CreateUser-AccessDenied", "IAM user bob (may only read S3)", bob, "CreateUser", iamParams("UserName", "mallory"))
	w.golden("AttachUserPolicy-AccessDenied", "IAM user bob (may only read S3)", bob, "AttachUserPolicy", iamParams("UserName", "bob", "PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"))
}

func TestIAMGoldenSimulate(t *testing.T) {
	w := newIAMWorld(t)
	const root = "root user of 111111111111"
	dynamo := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`
	w.golden("SimulateCustomPolicy-allowed", root, w.root, "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", dynamo,
		"ActionNames.member.1", "dynamodb:CreateBackup",
		"ContextEntries.member.1.ContextKeyName", "aws:CurrentTime", "ContextEntries.member.1.ContextKeyValues.member.1", "2019-04-25T11:00:00Z",
		"ContextEntries.member.1.ContextKeyType", "date"))
	w.golden("SimulateCustomPolicy-missing-context", root, w.root, "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", dynamo,
		"ActionNames.member.1", "dynamodb:CreateBackup"))
	deny := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"s3:DeleteBucket\",\n      \"Resource\": \"arn:aws:s3:::prod-*\"\n    }\n  ]\n}"
	w.golden("SimulateCustomPolicy-explicit-deny", root, w.root, "SimulateCustomPolicy", iamParams("PolicyInputList.member.1", deny,
		"ActionNames.member.1", "s3:DeleteBucket", "ActionNames.member.2", "s3:GetObject",
		"ResourceArns.member.1", "arn:aws:s3:::prod-data", "ResourceArns.member.2", "arn:aws:s3:::test-data"))

	acct := w.account()
	if _, err := acct.CreateUser(authn.CreateUserInput{UserName: "alice"}); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		acct.PutUserPolicy("alice", "ReadS3", iamReadS3),
		acct.AttachUserPolicy("alice", iamReadOnlyARN),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.golden("SimulatePrincipalPolicy-user", root, w.root, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/alice",
		"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:GetUser", "ActionNames.member.3", "iam:CreateUser",
		"ResourceArns.member.1", "arn:aws:s3:::bucket/key"))
	w.golden("SimulatePrincipalPolicy-boundary", root, w.root, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:user/alice",
		"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "s3:ListBucket",
		"PermissionsBoundaryPolicyInputList.member.1", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}`))

	if _, err := acct.CreateGroup("/eng/", "devs"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		acct.PutGroupPolicy("devs", "ReadS3", iamReadS3),
		acct.AttachGroupPolicy("devs", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.golden("SimulatePrincipalPolicy-group", root, w.root, "SimulatePrincipalPolicy", iamParams("PolicySourceArn", "arn:aws:iam::111111111111:group/eng/devs",
		"ActionNames.member.1", "s3:GetObject", "ActionNames.member.2", "iam:GetUser", "ActionNames.member.3", "iam:CreateUser"))
}
