package story_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

// scanned is the default world after the story's library steps: the
// security account is Inspector's delegated administrator, and scanning is
// enabled and done for the two workload accounts.
type scanned struct {
	clock   *clock
	cloud   *awsaccess.Cloud
	handler http.Handler
	keys    map[string]sigv4.Credentials // "account/user"
	signer  sigv4.Signer
}

func newScanned(t testing.TB) *scanned {
	t.Helper()
	clk := newClock()
	cloud := awsaccess.New(awsaccess.Config{Now: clk.Now, Seed: 3, PasswordHashIterations: 1, AuditCapacity: 1 << 18})
	keys, err := cloud.Apply(awsaccess.DefaultWorld())
	ok(t, err)
	s := &scanned{clock: clk, cloud: cloud, handler: cloud.Handler(), keys: map[string]sigv4.Credentials{}}
	for _, k := range keys {
		s.keys[k.Account+"/"+k.UserName] = sigv4.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey}
	}
	caller := func(who string) *authz.Principal {
		p, err := cloud.Caller(s.keys[who].AccessKeyID)
		ok(t, err)
		return p
	}
	insp := cloud.Inspector()
	_, err = insp.EnableDelegatedAdminAccount(caller(mgmt+"/admin"), regions[0], &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: security})
	ok(t, err)
	sec := caller(security + "/secadmin")
	types := []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr, inspector.ResourceScanTypeLambda}
	_, err = insp.Enable(sec, regions[0], &inspector.EnableRequest{ResourceTypes: types})
	ok(t, err)
	members := []string{work, "444444444444"}
	for _, m := range members {
		_, err := insp.AssociateMember(sec, regions[0], &inspector.AssociateMemberRequest{AccountID: m})
		ok(t, err)
	}
	_, err = insp.Enable(sec, regions[0], &inspector.EnableRequest{AccountIDs: members, ResourceTypes: types})
	ok(t, err)
	clk.Advance(inspector.EnableDelay + time.Second)
	return s
}

// call is a signed request ready to serve, and what it must answer.
type call struct {
	name   string
	req    *http.Request
	status int
}

// request builds and signs one of the mixed calls at the Cloud's time.
func (s *scanned) request(t testing.TB, kind int) call {
	t.Helper()
	c, err := s.build(kind)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// build builds and signs one of the mixed calls at the Cloud's time:
// 0 GetCallerIdentity, 1 ListFindings, 2 ListAccounts, 3 a denied
// ListAccounts.
func (s *scanned) build(kind int) (call, error) {
	var (
		name, who, service, path string
		body                     []byte
		header                   = http.Header{}
		status                   = http.StatusOK
	)
	switch kind {
	case 0:
		name, who, service, path = "GetCallerIdentity", mgmt+"/admin", "sts", "/"
		body = []byte("Action=GetCallerIdentity&Version=2011-06-15")
		header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	case 1:
		name, who, service, path = "ListFindings", security+"/secadmin", "inspector2", "/findings/list"
		body = []byte(`{"maxResults":5,"sortCriteria":{"field":"SEVERITY","sortOrder":"DESC"}}`)
		header.Set("Content-Type", "application/json")
	case 2:
		name, who, service, path = "ListAccounts", mgmt+"/admin", "organizations", "/"
		body = []byte(`{}`)
		header.Set("Content-Type", "application/x-amz-json-1.1")
		header.Set("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
	default: // a member's developer has no Organizations permission
		name, who, service, path = "ListAccounts denied", work+"/dev", "organizations", "/"
		body = []byte(`{}`)
		header.Set("Content-Type", "application/x-amz-json-1.1")
		header.Set("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
		status = http.StatusBadRequest // Organizations answers AccessDeniedException with 400
	}
	r := httptest.NewRequest(http.MethodPost, "http://awsaccess.test"+path, bytes.NewReader(body))
	for k, v := range header {
		r.Header[k] = v
	}
	creds, found := s.keys[who]
	if !found {
		return call{}, fmt.Errorf("no key for %s", who)
	}
	if err := s.signer.Sign(r, creds, "", service, regions[0], s.clock.Now(), nil); err != nil {
		return call{}, err
	}
	return call{name: name, req: r, status: status}, nil
}

// TestConcurrentSignedCalls sends mixed signed calls from 8 goroutines
// straight into the handler, then checks that the audit trail holds every
// call and that the model's invariants still hold.
func TestConcurrentSignedCalls(t *testing.T) {
	const workers = 8
	perWorker := 10_000
	if testing.Short() || raceEnabled {
		perWorker = 1_000
	}
	s := newScanned(t)
	// The denied call's status as the handler answers it, and the
	// findings the administrator sees, before the load.
	probe := httptest.NewRecorder()
	s.handler.ServeHTTP(probe, s.request(t, 3).req)
	deniedStatus := probe.Code
	if deniedStatus != http.StatusBadRequest { // Organizations answers AccessDeniedException with 400
		t.Fatalf("denied call answered %d: %s", deniedStatus, probe.Body)
	}
	if !strings.Contains(probe.Body.String(), "AccessDeniedException") {
		t.Fatalf("denied call answered %s", probe.Body)
	}
	before := s.cloud.Audit().Total()

	var served, denied atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				c, err := s.build((w + i) % 4)
				if err != nil {
					errs <- err.Error()
					return
				}
				want := c.status
				if c.name == "ListAccounts denied" {
					want = deniedStatus
					denied.Add(1)
				}
				rec := httptest.NewRecorder()
				s.handler.ServeHTTP(rec, c.req)
				served.Add(1)
				if rec.Code != want {
					errs <- fmt.Sprintf("worker %d call %d %s: status %d, want %d: %s", w, i, c.name, rec.Code, want, rec.Body)
					return
				}
				if c.name == "GetCallerIdentity" && !strings.Contains(rec.Body.String(), "<Arn>arn:aws:iam::"+mgmt+":user/admin</Arn>") {
					errs <- fmt.Sprintf("GetCallerIdentity answered %s", rec.Body)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	n := served.Load()
	t.Logf("%d workers × %d calls = %d signed calls in %v (%.0f calls/s, race detector %t)", workers, perWorker, n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), raceEnabled)
	if n != int64(workers*perWorker) {
		t.Fatalf("served %d calls, want %d", n, workers*perWorker)
	}

	audit := s.cloud.Audit()
	if got := audit.Total() - before; got != uint64(n) {
		t.Errorf("audit trail: %d events for %d calls", got, n)
	}
	if audit.Dropped() != 0 {
		t.Errorf("audit trail dropped %d events", audit.Dropped())
	}
	failed := audit.Query(awsaccess.AuditQuery{ErrorsOnly: true})
	var deniedEvents int64
	for _, e := range failed {
		if e.EventName == "ListAccounts" && e.ErrorCode == "AccessDeniedException" && e.Principal == "arn:aws:iam::"+work+":user/dev" {
			deniedEvents++
		} else {
			t.Errorf("unexpected failed call in the audit trail: %+v", e)
			break
		}
	}
	if deniedEvents != denied.Load()+1 { // and the probe
		t.Errorf("audit trail: %d denied ListAccounts, %d sent", deniedEvents, denied.Load()+1)
	}

	checkInvariants(t, s)
}

// checkInvariants checks what the load must not have changed: one
// delegated administrator, aggregation counts equal to ListFindings counts,
// a member seeing only its own findings.
func checkInvariants(t *testing.T, s *scanned) {
	t.Helper()
	orgs := s.cloud.Organizations()
	_, orgID, isMgmt := orgs.ManagementAccount(mgmt)
	if !isMgmt {
		t.Fatalf("%s is no longer the management account", mgmt)
	}
	if got := orgs.DelegatedAdministrators(orgID, inspector.ServicePrincipal); !slices.Equal(got, []string{security}) {
		t.Errorf("delegated administrators = %v", got)
	}
	sec, err := s.cloud.Caller(s.keys[security+"/secadmin"].AccessKeyID)
	ok(t, err)
	insp := s.cloud.Inspector()
	agg, err := insp.ListFindingAggregations(sec, regions[0], &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeAccount})
	ok(t, err)
	if len(agg.Responses) == 0 {
		t.Fatal("no findings aggregated")
	}
	for _, r := range agg.Responses {
		a := r.AccountAggregation
		var n counts
		req := &inspector.ListFindingsRequest{MaxResults: 100, FilterCriteria: &inspector.FilterCriteria{
			AwsAccountID:  []inspector.StringFilter{{Comparison: "EQUALS", Value: a.AccountID}},
			FindingStatus: []inspector.StringFilter{{Comparison: "EQUALS", Value: "ACTIVE"}},
		}}
		for {
			page, err := insp.ListFindings(sec, regions[0], req)
			ok(t, err)
			for _, f := range page.Findings {
				n.All++
				switch f.Severity {
				case "CRITICAL":
					n.Critical++
				case "HIGH":
					n.High++
				case "MEDIUM":
					n.Medium++
				}
			}
			if page.NextToken == "" {
				break
			}
			req.NextToken = page.NextToken
		}
		got := counts{a.SeverityCounts.All, a.SeverityCounts.Critical, a.SeverityCounts.High, a.SeverityCounts.Medium}
		if got != n {
			t.Errorf("account %s: aggregation %v, ListFindings %v", a.AccountID, got, n)
		}
	}
	dev, err := s.cloud.Caller(s.keys[work+"/dev"].AccessKeyID)
	ok(t, err)
	own, err := insp.ListFindings(dev, regions[0], &inspector.ListFindingsRequest{MaxResults: 100})
	ok(t, err)
	for _, f := range own.Findings {
		if f.AwsAccountID != work {
			t.Errorf("member %s sees a finding of %s", work, f.AwsAccountID)
		}
	}
}

// BenchmarkSignedGetCallerIdentity serves signed GetCallerIdentity calls
// in process: each iteration signs a request (as a client would) and the
// handler verifies, authorises, serves and audits it. It reports the
// requests per second of the whole loop and the p50 and p99 latency of the
// handler alone.
func BenchmarkSignedGetCallerIdentity(b *testing.B) {
	s := newScanned(b)
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		c := s.request(b, 0)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		s.handler.ServeHTTP(rec, c.req)
		lat = append(lat, time.Since(t0))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	n := len(lat)
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64(lat[n/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[min(n-1, n*99/100)].Nanoseconds()), "p99-ns")
}
