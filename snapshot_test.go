package awsaccess_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
)

// replayClock is the clock both Clouds of a replay test read.
type replayClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *replayClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *replayClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// replay drives Clouds with the same signed calls. Keys names the
// credentials callers sign with: the world's keys ("111111111111/admin"),
// then those the script captures from responses.
type replay struct {
	t     *testing.T
	clock *replayClock
	keys  map[string]sigv4.Credentials
}

// call is one signed call: service is the signing name; op the
// operation; body the query form (iam, sts), the JSON body (organizations,
// inspector, inspector2); path and method for inspector2's REST routes.
type call struct {
	who, service, op string
	region           string
	body             string
	method, path     string
	status           int // the status the replay expects; 0 means 200
}

// exchange is what a Cloud answered to a call.
type exchange struct {
	Status    int
	RequestID string
	Body      string
}

func (p *replay) request(c call) *http.Request {
	p.t.Helper()
	region := c.region
	if region == "" {
		region = "us-east-1"
	}
	host := c.service + "." + region + ".amazonaws.com"
	var r *http.Request
	switch c.service {
	case "iam", "sts":
		version := map[string]string{"iam": "2010-05-08", "sts": "2011-06-15"}[c.service]
		form, err := url.ParseQuery(c.body)
		if err != nil {
			p.t.Fatal(err)
		}
		form.Set("Action", c.op)
		form.Set("Version", version)
		r = httptest.NewRequest(http.MethodPost, "https://"+host+"/", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	case "inspector2":
		r = httptest.NewRequest(c.method, "https://"+host+c.path, strings.NewReader(c.body))
		r.Header.Set("Content-Type", "application/json")
	default:
		prefix := map[string]string{"organizations": "AWSOrganizationsV20161128", "inspector": "InspectorService"}[c.service]
		r = httptest.NewRequest(http.MethodPost, "https://"+host+"/", strings.NewReader(c.body))
		r.Header.Set("Content-Type", "application/x-amz-json-1.1")
		r.Header.Set("X-Amz-Target", prefix+"."+c.op)
	}
	r.Host = host
	creds, ok := p.keys[c.who]
	if !ok {
		p.t.Fatalf("no key %q", c.who)
	}
	var s sigv4.Signer
	if err := s.Sign(r, creds, "", c.service, region, p.clock.Now(), nil); err != nil {
		p.t.Fatal(err)
	}
	return r
}

func (p *replay) send(cloud *awsaccess.Cloud, c call) exchange {
	p.t.Helper()
	rec := httptest.NewRecorder()
	cloud.Handler().ServeHTTP(rec, p.request(c))
	return exchange{Status: rec.Code, RequestID: rec.Header().Get("X-Amzn-Requestid") + rec.Header().Get("X-Amz-Request-Id"), Body: rec.Body.String()}
}

// must sends c to cloud and fails unless it succeeded.
func (p *replay) must(cloud *awsaccess.Cloud, c call) exchange {
	p.t.Helper()
	x := p.send(cloud, c)
	if x.Status != http.StatusOK {
		p.t.Fatalf("%s %s as %s: %d %s", c.service, c.op, c.who, x.Status, x.Body)
	}
	return x
}

// xmlField returns the text of the first element named name in an XML body.
func xmlField(t *testing.T, body, name string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("no <%s> in %s", name, body)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == name {
			var s string
			if err := dec.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
}

func jsonField(t *testing.T, body, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	s, _ := m[name].(string)
	return s
}

func newReplayCloud(t *testing.T, clock *replayClock) (*awsaccess.Cloud, []awsaccess.WorldKey) {
	t.Helper()
	c := awsaccess.New(awsaccess.Config{Now: clock.Now, Seed: 11, PasswordHashIterations: 1, Regions: []string{"us-east-1", "us-west-2"}})
	keys, err := c.Apply(awsaccess.DefaultWorld())
	if err != nil {
		t.Fatal(err)
	}
	return c, keys
}

// TestSnapshotReplay: a Cloud restored from a snapshot answers the calls
// that follow exactly as the original does (bodies, request ids, new ids,
// keys and tokens), and the two snapshot to the same bytes afterwards.
func TestSnapshotReplay(t *testing.T) {
	clock := &replayClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	p := &replay{t: t, clock: clock, keys: map[string]sigv4.Credentials{}}
	a, keys := newReplayCloud(t, clock)
	for _, k := range keys {
		p.keys[k.Account+"/"+k.UserName] = sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
	}
	const mgmt, sec, work = "111111111111/admin", "222222222222/secadmin", "333333333333/dev"

	// Before the snapshot: IAM, STS, delegation, scanning, a first page.
	p.must(a, call{who: mgmt, service: "iam", op: "CreateUser", body: "UserName=alice&Path=/eng/"})
	x := p.must(a, call{who: mgmt, service: "iam", op: "CreateAccessKey", body: "UserName=alice"})
	p.keys["alice"] = sigv4.Credentials{AccessKeyID: xmlField(t, x.Body, "AccessKeyId"), SecretAccessKey: xmlField(t, x.Body, "SecretAccessKey")}
	p.must(a, call{who: mgmt, service: "iam", op: "PutUserPolicy", body: "UserName=alice&PolicyName=read&PolicyDocument=" +
		url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","sts:GetSessionToken"],"Resource":"*"}]}`)})
	x = p.must(a, call{who: "alice", service: "sts", op: "GetSessionToken", body: "DurationSeconds=3600"})
	p.keys["alice-session"] = sigv4.Credentials{AccessKeyID: xmlField(t, x.Body, "AccessKeyId"), SecretAccessKey: xmlField(t, x.Body, "SecretAccessKey"), SessionToken: xmlField(t, x.Body, "SessionToken")}
	p.must(a, call{who: mgmt, service: "inspector2", op: "EnableDelegatedAdminAccount", method: "POST", path: "/delegatedadminaccounts/enable", body: `{"delegatedAdminAccountId":"222222222222"}`})
	clock.advance(time.Minute)
	for _, id := range []string{"333333333333", "444444444444"} {
		p.must(a, call{who: sec, service: "inspector2", op: "AssociateMember", method: "POST", path: "/members/associate", body: `{"accountId":"` + id + `"}`})
	}
	p.must(a, call{who: sec, service: "inspector2", op: "Enable", method: "POST", path: "/enable", body: `{"resourceTypes":["EC2","ECR","LAMBDA"]}`})
	p.must(a, call{who: sec, service: "inspector2", op: "Enable", method: "POST", path: "/enable", body: `{"resourceTypes":["EC2","ECR","LAMBDA"],"accountIds":["333333333333","444444444444"]}`})
	clock.advance(5 * time.Minute)
	page := `{"maxResults":2,"sortCriteria":{"field":"SEVERITY","sortOrder":"DESC"}}`
	x = p.must(a, call{who: sec, service: "inspector2", op: "ListFindings", method: "POST", path: "/findings/list", body: page})
	next := jsonField(t, x.Body, "nextToken")
	if next == "" {
		t.Fatalf("the first page of findings has no nextToken: %s", x.Body)
	}
	var roots struct{ Roots []struct{ Id string } }
	if err := json.Unmarshal([]byte(p.must(a, call{who: mgmt, service: "organizations", op: "ListRoots", body: `{}`}).Body), &roots); err != nil || len(roots.Roots) != 1 {
		t.Fatalf("ListRoots: %v %+v", err, roots)
	}
	root := roots.Roots[0].Id
	p.must(a, call{who: mgmt, service: "organizations", op: "CreateAccount", body: `{"Email":"new@example.com","AccountName":"new"}`})
	p.must(a, call{who: mgmt, service: "inspector", op: "CreateResourceGroup", body: `{"resourceGroupTags":[{"key":"env","value":"dev"}]}`})
	p.send(a, call{who: work, service: "iam", op: "CreateUser", body: "UserName=mallory"}) // denied, in the audit trail
	clock.advance(30 * time.Second)

	snap, err := a.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	b, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now, PasswordHashIterations: 1}, snap)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap, again) {
		t.Fatalf("Snapshot(Restore(s)) differs from s:\n%s", cmp.Diff(string(snap), string(again)))
	}

	// After the snapshot: the same calls to both.
	script := []call{
		{who: "alice-session", service: "sts", op: "GetCallerIdentity"},
		{who: "alice", service: "iam", op: "GetUser"},
		{who: mgmt, service: "iam", op: "CreateAccessKey", body: "UserName=alice"},
		{who: mgmt, service: "iam", op: "CreateUser", body: "UserName=bob"},
		{who: mgmt, service: "iam", op: "CreateLoginProfile", body: "UserName=bob&Password=" + url.QueryEscape("Correct-Horse-9")},
		{who: mgmt, service: "iam", op: "CreateVirtualMFADevice", body: "VirtualMFADeviceName=bob"},
		{who: mgmt, service: "iam", op: "CreatePolicy", body: "PolicyName=p1&PolicyDocument=" + url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)},
		{who: mgmt, service: "sts", op: "GetSessionToken"},
		{who: work, service: "sts", op: "GetCallerIdentity"},
		{who: mgmt, service: "iam", op: "ListUsers"},
		{who: sec, service: "inspector2", op: "ListFindings", method: "POST", path: "/findings/list", body: `{"maxResults":2,"nextToken":"` + next + `","sortCriteria":{"field":"SEVERITY","sortOrder":"DESC"}}`},
		{who: sec, service: "inspector2", op: "CreateFilter", method: "POST", path: "/filters/create", body: `{"name":"accept-dev","action":"SUPPRESS","filterCriteria":{"resourceTags":[{"comparison":"EQUALS","key":"env","value":"dev"}]}}`},
		{who: sec, service: "inspector2", op: "ListFindings", method: "POST", path: "/findings/list", body: page},
		{who: sec, service: "inspector2", op: "ListFindingAggregations", method: "POST", path: "/findings/aggregation/list", body: `{"aggregationType":"ACCOUNT"}`},
		{who: "333333333333/dev", service: "inspector2", op: "CreateFilter", method: "POST", path: "/filters/create", body: `{"name":"mine","action":"SUPPRESS","filterCriteria":{}}`, status: http.StatusForbidden},
		{who: mgmt, service: "organizations", op: "ListCreateAccountStatus", body: `{}`},
		{who: mgmt, service: "organizations", op: "CreateOrganizationalUnit", body: `{"ParentId":"` + root + `","Name":"eng"}`},
		{who: mgmt, service: "organizations", op: "ListAccounts", body: `{}`},
		{who: mgmt, service: "inspector", op: "ListRulesPackages", body: `{}`},
		{who: mgmt, service: "inspector", op: "CreateAssessmentTarget", body: `{"assessmentTargetName":"all"}`},
	}
	for i, c := range script {
		if i == len(script)/2 {
			clock.advance(10 * time.Minute) // create-account and scan timers run out
		}
		xa, xb := p.send(a, c), p.send(b, c)
		want := c.status
		if want == 0 {
			want = http.StatusOK
		}
		if xa.Status != want {
			t.Errorf("call %d (%s %s as %s): status %d, want %d: %s", i, c.service, c.op, c.who, xa.Status, want, xa.Body)
		}
		if diff := cmp.Diff(xa, xb); diff != "" {
			t.Errorf("call %d (%s %s as %s): the restored Cloud answered differently (-original +restored):\n%s", i, c.service, c.op, c.who, diff)
		}
	}
	sa, err := a.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sa, sb) {
		t.Errorf("after the replay the snapshots differ:\n%s", cmp.Diff(string(sa), string(sb)))
	}
	if diff := cmp.Diff(a.Audit().Query(awsaccess.AuditQuery{}), b.Audit().Query(awsaccess.AuditQuery{})); diff != "" {
		t.Errorf("audit trails differ:\n%s", diff)
	}
}

// TestRestoreRejects: bad snapshots are errors, never panics.
func TestRestoreRejects(t *testing.T) {
	clock := &replayClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	a, _ := newReplayCloud(t, clock)
	snap, err := a.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(snap, &doc); err != nil {
		t.Fatal(err)
	}
	mutate := func(key, value string) []byte {
		m := map[string]json.RawMessage{}
		for k, v := range doc {
			m[k] = v
		}
		if value == "" {
			delete(m, key)
		} else {
			m[key] = json.RawMessage(value)
		}
		out, _ := json.Marshal(m)
		return out
	}
	for name, data := range map[string][]byte{
		"empty":         nil,
		"not an object": []byte(`[1]`),
		"version 2":     mutate("version", "2"),
		"no services":   mutate("services", ""),
		"unknown field": mutate("colour", `"blue"`),
		"bad random":    mutate("random", `{"iam":"!!"}`),
		"bad service":   mutate("services", `{"advisories":{"version":1,"generation":0,"advisories":[]},"iam":{"version":9}}`),
		"truncated":     snap[:len(snap)/2],
	} {
		if _, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now}, data); err == nil {
			t.Errorf("%s: Restore succeeded", name)
		}
	}
	if _, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now, Regions: []string{"eu-west-1"}}, snap); err == nil {
		t.Error("Restore accepted Regions that differ from the snapshot's")
	}
}

// FuzzRestore: Restore never panics, and what it accepts snapshots again.
func FuzzRestore(f *testing.F) {
	clock := &replayClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	a := awsaccess.New(awsaccess.Config{Now: clock.Now, Seed: 3, PasswordHashIterations: 1, Regions: []string{"us-east-1"}})
	if _, err := a.CreateAccount("111111111111", "a@example.com", "a"); err != nil {
		f.Fatal(err)
	}
	snap, err := a.Snapshot()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(snap)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now, PasswordHashIterations: 1}, data)
		if err != nil {
			return
		}
		if _, err := c.Snapshot(); err != nil {
			t.Fatalf("Snapshot after a successful Restore: %v", err)
		}
	})
}

// BenchmarkSnapshotDefaultWorld: Snapshot and Restore of the default world
// after delegation and scanning.
func BenchmarkSnapshotDefaultWorld(b *testing.B) {
	clock := &replayClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	c := awsaccess.New(awsaccess.Config{Now: clock.Now, Seed: 11, PasswordHashIterations: 1, Regions: []string{"us-east-1"}})
	if _, err := c.Apply(awsaccess.DefaultWorld()); err != nil {
		b.Fatal(err)
	}
	snap, err := c.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Snapshot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Snapshot(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(snap)), "bytes")
	})
	b.Run("Restore", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now, PasswordHashIterations: 1}, snap); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSnapshotDuringCalls: snapshots taken while signed calls run through
// the handler are consistent (each restores) and the calls all succeed.
func TestSnapshotDuringCalls(t *testing.T) {
	clock := &replayClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	p := &replay{t: t, clock: clock, keys: map[string]sigv4.Credentials{}}
	a, keys := newReplayCloud(t, clock)
	for _, k := range keys {
		p.keys[k.Account+"/"+k.UserName] = sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
	}
	const workers, calls = 4, 50
	var wg sync.WaitGroup
	errs := make(chan string, workers*calls)
	for w := range workers {
		wg.Go(func() {
			for i := range calls {
				r := p.request(call{who: "111111111111/admin", service: "iam", op: "CreateUser", body: fmt.Sprintf("UserName=u-%d-%d", w, i)})
				rec := httptest.NewRecorder()
				a.Handler().ServeHTTP(rec, r)
				if rec.Code != http.StatusOK {
					errs <- rec.Body.String()
				}
			}
		})
	}
	for range 5 {
		snap, err := a.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := awsaccess.Restore(awsaccess.Config{Now: clock.Now, PasswordHashIterations: 1}, snap); err != nil {
			t.Fatalf("a snapshot taken during calls does not restore: %v", err)
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(a.Audit().Query(awsaccess.AuditQuery{EventName: "CreateUser"})); n != workers*calls {
		t.Errorf("audit trail holds %d CreateUser calls, want %d", n, workers*calls)
	}
}
