package inspector_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"pgregory.net/rapid"
)

// Snapshot and restore: a restored Service snapshots to the same bytes,
// and the same calls on the original and on the restored Service give the
// same results, ids, tokens and timestamps included.

// cloneOrgs copies the fake Organizations, as the composition root
// restores Organizations beside Inspector.
func cloneOrgs(o *fakeOrgs) *fakeOrgs {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := newFakeOrgs()
	maps.Copy(c.of, o.of)
	for id, org := range o.orgs {
		n := &fakeOrg{id: org.id, mgmt: org.mgmt, members: maps.Clone(org.members), trusted: maps.Clone(org.trusted),
			delegate: map[string][]string{}}
		for sp, list := range org.delegate {
			n.delegate[sp] = append([]string(nil), list...)
		}
		c.orgs[id] = n
	}
	return c
}

// restoredWorld builds a fresh world with A's configuration, restores A's
// advisory database and organization into it, sets its clock to A's and
// restores the Service from snap.
func restoredWorld(t fataler, a *world, snap []byte) *world {
	t.Helper()
	dbSnap, err := a.db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	db := advisory.New()
	if err := db.Restore(dbSnap); err != nil {
		t.Fatal(err)
	}
	b := newWorld(db)
	b.orgs = cloneOrgs(a.orgs)
	b.clock.t = a.clock.Now()
	b.svc = inspector.New(inspector.Config{Now: b.clock.Now, Rand: newSeeded(1), Regions: []string{region, region2},
		Authorizer: authz.AuthorizerFunc(b.authorize), Organizations: b.orgs, Identities: b.ids, Advisories: db})
	if err := b.svc.Restore(snap); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	return b
}

func mustSnapshot(t fataler, svc *inspector.Service) []byte {
	t.Helper()
	b, err := svc.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return b
}

// fataler is what testing.TB and *rapid.T share.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// op is one call of a script; its fields are drawn up front so that two
// worlds replay exactly the same calls.
type op struct {
	Kind    int
	Region  string
	Account string
	Other   string
	N       int
	Flag    bool
	Pkgs    []int
	Dur     time.Duration
}

const numOps = 22

var opPackages = []inspector.Package{curlVuln, curlFixed, xzVuln, zlib, openssl, lodash}

// script holds what a script remembers between calls: the last page token
// and the filters it created.
type script struct {
	token   string
	filters []string
}

func render(v any, err error) string {
	b, _ := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("error: %v", err)
	}
	return string(b)
}

// apply runs one op and renders its result.
func (sc *script) apply(w *world, o op) string {
	svc := w.svc
	r := o.Region
	switch o.Kind {
	case 0:
		return render(svc.EnableDelegatedAdminAccount(root(mgmt), r, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin}))
	case 1:
		return render(svc.DisableDelegatedAdminAccount(root(mgmt), r, &inspector.DisableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin}))
	case 2:
		req := &inspector.EnableRequest{ResourceTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr}}
		if o.Flag {
			req.ResourceTypes = append(req.ResourceTypes, inspector.ResourceScanTypeLambda)
		}
		if o.Other != o.Account {
			req.AccountIDs = []string{o.Other}
		}
		return render(svc.Enable(root(o.Account), r, req))
	case 3:
		req := &inspector.DisableRequest{}
		if o.Flag {
			req.ResourceTypes = []inspector.ResourceScanType{inspector.ResourceScanTypeEcr}
		}
		return render(svc.Disable(root(o.Account), r, req))
	case 4:
		return render(svc.AssociateMember(root(admin), r, &inspector.AssociateMemberRequest{AccountID: o.Other}))
	case 5:
		return render(svc.DisassociateMember(root(admin), r, &inspector.DisassociateMemberRequest{AccountID: o.Other}))
	case 6:
		return render(svc.UpdateOrganizationConfiguration(root(admin), r, &inspector.UpdateOrganizationConfigurationRequest{
			AutoEnable: &inspector.AutoEnable{Ec2: boolp(true), Ecr: boolp(o.Flag), Lambda: boolp(!o.Flag)}}))
	case 7:
		var pkgs []inspector.Package
		for _, i := range o.Pkgs {
			pkgs = append(pkgs, opPackages[i%len(opPackages)])
		}
		var rules []inspector.IngressRule
		if o.Flag {
			rules = append(rules, inspector.IngressRule{Protocol: "tcp", FromPort: 22, ToPort: 22 + o.N, CIDRs: []string{"0.0.0.0/0"}})
		}
		inst := inspector.EC2Instance{InstanceID: fmt.Sprintf("i-%d%s", o.N%3, o.Account[:4]), ImageID: "ami-00000001", Platform: "DEBIAN_12",
			Packages: pkgs, SecurityGroups: []inspector.SecurityGroup{{ID: "sg-1", Ingress: rules}}, SubnetRoutesToInternet: true,
			InternetGatewayID: "igw-1", Tags: map[string]string{"env": "dev"}}
		return render(svc.PutEC2Instance(r, o.Account, inst))
	case 8:
		img := inspector.ECRImage{RepositoryName: "app", Digest: digest(o.N % 3), Platform: "DEBIAN_12", Tags: []string{"v1"},
			PushedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
			Layers: []inspector.Layer{{Digest: digest(10), Packages: []inspector.Package{curlVuln}},
				{Digest: digest(11), Packages: []inspector.Package{openssl, lodash, zlib}}}}
		return render(svc.PutECRImage(r, o.Account, img))
	case 9:
		fn := inspector.LambdaFunction{FunctionName: fmt.Sprintf("fn%d", o.N%2), Runtime: inspector.RuntimeNodejs18X,
			Packages: []inspector.Package{lodash}, Layers: []inspector.LambdaLayer{{Arn: "arn:aws:lambda:us-east-1:" + o.Account + ":layer:l:1",
				Packages: []inspector.Package{{Name: "minimist", Version: "1.2.5", PackageManager: inspector.PackageManagerNpm}}}}}
		return render(svc.PutLambdaFunction(r, o.Account, fn))
	case 10:
		id := fmt.Sprintf("i-%d%s", o.N%3, o.Account[:4])
		return render(nil, svc.RemoveResource(r, o.Account, id))
	case 11:
		id := fmt.Sprintf("CVE-2099-000%d", o.N%2)
		if o.Flag {
			return fmt.Sprint(w.db.Remove(id))
		}
		a := &advisory.Advisory{ID: id, Modified: w.clock.Now(), Summary: "zlib test " + fmt.Sprint(o.N),
			Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: benchVectors[o.N%len(benchVectors)]}},
			Affected: []advisory.Affected{{Package: advisory.Package{Ecosystem: "Debian:12", Name: "zlib1g"},
				Ranges: []advisory.Range{{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "1.3-1"}}}}}}}
		return render(nil, w.db.Add(a))
	case 12:
		action := inspector.FilterActionNone
		if o.Flag {
			action = inspector.FilterActionSuppress
		}
		out, err := svc.CreateFilter(root(o.Account), r, &inspector.CreateFilterRequest{Name: fmt.Sprint("f", o.N), Action: action,
			FilterCriteria: ruleCriteria[o.N%len(ruleCriteria)], Tags: map[string]string{"k": "v"}})
		if err == nil {
			sc.filters = append(sc.filters, out.Arn)
		}
		return render(out, err)
	case 13:
		if len(sc.filters) == 0 {
			return "no filter"
		}
		arn := sc.filters[o.N%len(sc.filters)]
		return render(svc.UpdateFilter(root(o.Account), r, &inspector.UpdateFilterRequest{FilterArn: arn,
			FilterCriteria: ruleCriteria[(o.N+1)%len(ruleCriteria)], Reason: strp("changed")}))
	case 14:
		if len(sc.filters) == 0 {
			return "no filter"
		}
		arn := sc.filters[o.N%len(sc.filters)]
		return render(svc.DeleteFilter(root(o.Account), r, &inspector.DeleteFilterRequest{Arn: arn}))
	case 15:
		w.clock.Add(o.Dur)
		return "tick"
	case 16:
		if o.Flag {
			return render(nil, svc.SuspendAccount(o.Account))
		}
		return render(nil, svc.ReinstateAccount(o.Account))
	case 17:
		req := &inspector.ListFindingsRequest{MaxResults: 2, NextToken: sc.token}
		if o.Flag {
			req.SortCriteria = &inspector.SortCriteria{Field: inspector.SortFieldSeverity, SortOrder: inspector.SortOrderDesc}
		}
		out, err := svc.ListFindings(root(o.Account), r, req)
		sc.token = ""
		if err == nil {
			sc.token = out.NextToken
		}
		return render(out, err)
	case 18:
		t := []inspector.AggregationType{inspector.AggregationTypeAccount, inspector.AggregationTypeTitle, inspector.AggregationTypePackage,
			inspector.AggregationTypeAwsEc2Instance}[o.N%4]
		return render(svc.ListFindingAggregations(root(o.Account), r, &inspector.ListFindingAggregationsRequest{AggregationType: t}))
	case 19:
		return render(svc.ListCoverage(root(o.Account), r, &inspector.ListCoverageRequest{}))
	case 20:
		var b strings.Builder
		b.WriteString(render(svc.ListMembers(root(o.Account), r, &inspector.ListMembersRequest{OnlyAssociated: boolp(o.Flag)})))
		b.WriteString(render(svc.BatchGetAccountStatus(root(o.Account), r, &inspector.BatchGetAccountStatusRequest{})))
		b.WriteString(render(svc.GetDelegatedAdminAccount(root(o.Account), r)))
		b.WriteString(render(svc.ListFilters(root(o.Account), r, &inspector.ListFiltersRequest{})))
		b.WriteString(render(svc.DescribeOrganizationConfiguration(root(o.Account), r)))
		b.WriteString(render(svc.ListUsageTotals(root(o.Account), r, &inspector.ListUsageTotalsRequest{})))
		return b.String()
	default:
		return render(svc.GetMember(root(admin), r, &inspector.GetMemberRequest{AccountID: o.Other}))
	}
}

func boolp(b bool) *bool    { return &b }
func strp(s string) *string { return &s }

func drawOp(t *rapid.T, i int) op {
	return op{
		Kind:    rapid.IntRange(0, numOps-1).Draw(t, fmt.Sprint("kind", i)),
		Region:  rapid.SampledFrom(regions).Draw(t, fmt.Sprint("region", i)),
		Account: rapid.SampledFrom(orgAccounts).Draw(t, fmt.Sprint("account", i)),
		Other:   rapid.SampledFrom(orgAccounts).Draw(t, fmt.Sprint("other", i)),
		N:       rapid.IntRange(0, 20).Draw(t, fmt.Sprint("n", i)),
		Flag:    rapid.Bool().Draw(t, fmt.Sprint("flag", i)),
		Pkgs:    rapid.SliceOfN(rapid.IntRange(0, 5), 0, 4).Draw(t, fmt.Sprint("pkgs", i)),
		Dur:     rapid.SampledFrom([]time.Duration{time.Second, time.Minute + time.Second, time.Hour, 8 * 24 * time.Hour}).Draw(t, fmt.Sprint("dur", i)),
	}
}

// replayWorld is a world for scripts: the organization has acc5 too.
func replayWorld() *world {
	w := newWorld(advisory.Default())
	w.orgs.create(orgID, mgmt, admin, member1, member2, acc5)
	return w
}

// replay runs ops on A, snapshots it after split ops, restores the
// snapshot into B, runs the rest on both and compares every result and
// the final snapshots.
func replay(t fataler, ops []op, split int) {
	a := replayWorld()
	sa := &script{}
	for _, o := range ops[:split] {
		sa.apply(a, o)
	}
	snap := mustSnapshot(t, a.svc)
	b := restoredWorld(t, a, snap)
	if again := mustSnapshot(t, b.svc); !bytes.Equal(again, snap) {
		t.Fatalf("snapshot of the restored service differs:\n%s", cmp.Diff(string(snap), string(again)))
	}
	sb := &script{token: sa.token, filters: append([]string(nil), sa.filters...)}
	var gotA, gotB []string
	for _, o := range ops[split:] {
		gotA = append(gotA, sa.apply(a, o))
		gotB = append(gotB, sb.apply(b, o))
	}
	if diff := cmp.Diff(gotA, gotB); diff != "" {
		t.Fatalf("results after restore differ (-original +restored):\n%s", diff)
	}
	if endA, endB := mustSnapshot(t, a.svc), mustSnapshot(t, b.svc); !bytes.Equal(endA, endB) {
		t.Fatalf("final snapshots differ:\n%s", cmp.Diff(string(endA), string(endB)))
	}
}

// richScript builds every kind of entity: a delegated administrator in
// both regions (disabled again in one), members, auto-enable, every
// resource type with package and network findings, a replaced instance
// whose closed findings keep the earlier packages, a removed resource,
// filters and suppression rules of the organization and of a standalone
// account, a suspended account, an advisory replaced after findings
// showed it, and transitional statuses.
func richScript() []op {
	e := func(kind int, r, acct, other string, n int, flag bool) op {
		return op{Kind: kind, Region: r, Account: acct, Other: other, N: n, Flag: flag, Dur: time.Minute + time.Second}
	}
	tick := op{Kind: 15, Dur: time.Minute + time.Second}
	return []op{
		e(11, "", "", "", 0, false),             // synthetic zlib advisory
		e(0, region, "", "", 0, false),          // delegated admin
		e(0, region2, "", "", 0, false),         // and in region2
		e(2, region, admin, admin, 0, true),     // admin enables itself
		e(2, region2, admin, admin, 0, false),   // in region2 too
		e(6, region, "", "", 0, true),           // auto-enable
		e(4, region, "", member1, 0, false),     // associate
		e(4, region, "", member2, 0, false),     // associate
		e(4, region2, "", member1, 0, false),    // associate
		e(2, region, outside, outside, 0, true), // standalone
		{Kind: 7, Region: region, Account: member1, N: 0, Flag: true, Pkgs: []int{0, 2, 3, 4}},
		{Kind: 7, Region: region, Account: member2, N: 1, Pkgs: []int{2, 3, 4}},
		{Kind: 7, Region: region, Account: outside, N: 2, Flag: true, Pkgs: []int{0, 3}},
		{Kind: 7, Region: region2, Account: member1, N: 0, Pkgs: []int{2}},
		e(8, region, member1, "", 0, false),
		e(9, region, admin, "", 0, false),
		tick,
		e(12, region, admin, "", 0, true),                                                 // org suppression rule: CRITICAL
		e(12, region, admin, "", 4, false),                                                // org saved search
		e(12, region, outside, "", 9, true),                                               // standalone rule
		e(12, region2, admin, "", 3, true),                                                // region2 rule
		{Kind: 7, Region: region, Account: member1, N: 0, Flag: false, Pkgs: []int{1, 3}}, // replaced: curl fixed, port closed
		e(10, region, member2, "", 1, false),                                              // removed
		e(11, "", "", "", 2, false),                                                       // zlib advisory replaced
		e(16, "", member2, "", 0, true),                                                   // suspended
		e(1, region2, "", "", 0, false),                                                   // DISABLE_IN_PROGRESS in region2
		e(3, region, outside, "", 0, true),                                                // ECR DISABLING
		e(2, region, acc5, acc5, 0, false),                                                // ENABLING
		e(17, region, admin, "", 0, false),                                                // page 1
		// restore point of the replay test: after here, ids are drawn
		e(17, region, admin, "", 0, false), // page 2 with the token
		e(13, region, admin, "", 0, false), // update the org rule
		{Kind: 7, Region: region, Account: member1, N: 2, Flag: true, Pkgs: []int{0, 2, 4, 5}},
		e(8, region, member2, "", 1, false),
		e(11, "", "", "", 1, false), // new advisory: rescan
		tick,
		e(12, region, admin, "", 5, true),
		e(14, region, admin, "", 1, false),
		e(16, "", member2, "", 0, false),    // reinstated
		e(5, region, "", member1, 0, false), // disassociated
		e(4, region, "", acc5, 0, false),
		tick,
		e(17, region, admin, "", 0, true),
		e(17, region, member1, "", 0, false),
		e(18, region, admin, "", 0, false),
		e(18, region, admin, "", 1, false),
		e(18, region, admin, "", 2, false),
		e(18, region, admin, "", 3, false),
		e(19, region, admin, "", 0, false),
		e(20, region, admin, "", 0, true),
		e(20, region, mgmt, "", 0, false),
		e(21, region, "", member1, 0, false),
		{Kind: 15, Dur: 31 * 24 * time.Hour},
		e(19, region, admin, "", 0, false),
		e(20, region, outside, "", 0, false),
		e(18, region, admin, "", 0, false),
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	ops := richScript()
	w := replayWorld()
	sc := &script{}
	for _, o := range ops[:29] {
		sc.apply(w, o)
	}
	snap := mustSnapshot(t, w.svc)
	for _, want := range []string{`"view":`, `"pkg":`, `"net":`, `"SUPPRESS"`, `"DISABLE_IN_PROGRESS"`, `"DISABLING"`, `"ENABLING"`,
		`"removedAt":`, `"CLOSED"`, `"matchingRules":`, `"ecrImage":`, `"lambdaFunction":`, `"suspended":true`, `"autoEnable":["EC2"`,
		`"layer":`, `"securityGroups":[{`} {
		if !bytes.Contains(snap, []byte(want)) {
			t.Errorf("the rich state's snapshot has no %s", want)
		}
	}
	if !bytes.HasPrefix(snap, []byte(`{"version":1,`)) {
		t.Errorf("snapshot does not start with the version: %.40s", snap)
	}
	check := func() {
		t.Helper()
		snap := mustSnapshot(t, w.svc)
		b := restoredWorld(t, w, snap)
		if again := mustSnapshot(t, b.svc); !bytes.Equal(again, snap) {
			t.Fatalf("round trip differs:\n%s", cmp.Diff(string(snap), string(again)))
		}
		// Snapshot does not change the state.
		if again := mustSnapshot(t, w.svc); !bytes.Equal(again, snap) {
			t.Fatal("a second Snapshot differs from the first")
		}
	}
	check()
	for _, o := range ops[29:] {
		sc.apply(w, o)
	}
	check()
}

func TestSnapshotReplay(t *testing.T) {
	ops := richScript()
	for _, split := range []int{0, 1, 11, 29, len(ops)} {
		t.Run(fmt.Sprint(split), func(t *testing.T) { replay(t, ops, split) })
	}
}

// TestSnapshotReplayDrawsIDs checks that the script after the restore
// point draws new finding and filter ids, so that the replay compares the
// id generators.
func TestSnapshotReplayDrawsIDs(t *testing.T) {
	ops := richScript()
	a := replayWorld()
	sc := &script{}
	for _, o := range ops[:29] {
		sc.apply(a, o)
	}
	before := listAll(t, a.svc, admin, region, nil)
	n := len(sc.filters)
	for _, o := range ops[29:] {
		sc.apply(a, o)
	}
	if len(sc.filters) <= n {
		t.Error("no filter created after the restore point")
	}
	old := map[string]bool{}
	for _, f := range before {
		old[f.FindingArn] = true
	}
	fresh := 0
	for _, f := range listAll(t, a.svc, admin, region, nil) {
		if !old[f.FindingArn] {
			fresh++
		}
	}
	if fresh == 0 {
		t.Error("no finding created after the restore point")
	}
}

func runReplayProperty(t *rapid.T) {
	n := rapid.IntRange(1, 40).Draw(t, "ops")
	ops := make([]op, n)
	for i := range ops {
		ops[i] = drawOp(t, i)
	}
	split := rapid.IntRange(0, n).Draw(t, "split")
	replay(t, ops, split)
}

func TestSnapshotReplayProperty(t *testing.T) {
	rapid.Check(t, runReplayProperty)
}

func FuzzSnapshotReplayProperty(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(runReplayProperty))
}

func TestRestoreRejects(t *testing.T) {
	w := replayWorld()
	sc := &script{}
	for _, o := range richScript()[:29] {
		sc.apply(w, o)
	}
	snap := string(mustSnapshot(t, w.svc))
	replace := func(old, nw string) string {
		if !strings.Contains(snap, old) {
			t.Fatalf("snapshot has no %s", old)
		}
		return strings.Replace(snap, old, nw, 1)
	}
	cases := map[string]struct{ data, want string }{
		"empty":          {"", "EOF"},
		"not json":       {"{", "unexpected EOF"},
		"version":        {replace(`"version":1`, `"version":2`), "snapshot version 2, want 1"},
		"partition":      {replace(`"partition":"aws"`, `"partition":"aws-cn"`), `partition "aws-cn"`},
		"regions":        {replace(`"regions":["eu-west-1","us-east-1"]`, `"regions":["us-east-1"]`), "snapshot of regions"},
		"unknown field":  {replace(`"version":1,`, `"version":1,"extra":1,`), "unknown field"},
		"trailing":       {snap + "{}", "data after the snapshot"},
		"idgen":          {replace(`"idgen":"`, `"idgen":"AAAA`), "idgen"},
		"bad status":     {replace(`"status":"ENABLED"`, `"status":"ON"`), `invalid status "ON"`},
		"bad account":    {replace(`{"id":"222222222222"`, `{"id":"22"`), "invalid account id"},
		"dup account":    {replace(`{"id":"222222222222"`, `{"id":"333333333333"`), "repeated"},
		"dangling":       {replace(`"members":["333333333333"`, `"members":["999999999990"`), "not an account of the region"},
		"filter arn":     {replace(`:owner/o-exampleorg1/filter/`, `:owner/o-exampleorg2/filter/`), "does not match"},
		"finding id":     {replace(`"findings":[{"id":"`, `"findings":[{"id":"zz`), "finding id"},
		"vuln index":     {replace(`"vuln":`, `"vuln":99`), "not in the vulnerability table"},
		"finding status": {replace(`"status":"ACTIVE"`, `"status":"SUPPRESSED"`), "want ACTIVE or CLOSED"},
		"unknown adv":    {replace(`{"id":"CVE-2023-38545"}`, `{"id":"CVE-1900-0001"}`), `no advisory "CVE-1900-0001"`},
		"bad time":       {replace(`"createdAt":"`, `"createdAt":"x`), "parsing time"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			b := restoredWorld(t, w, []byte(snap))
			before := mustSnapshot(t, b.svc)
			err := b.svc.Restore([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Restore: %v, want an error containing %q", err, tc.want)
			}
			if after := mustSnapshot(t, b.svc); !bytes.Equal(before, after) {
				t.Fatal("a failed Restore changed the state")
			}
		})
	}
}

// TestRestoreNeedsSameRegions: a service of other regions refuses the
// snapshot.
func TestRestoreNeedsSameRegions(t *testing.T) {
	w := replayWorld()
	snap := mustSnapshot(t, w.svc)
	other := inspector.New(inspector.Config{Regions: []string{region}})
	if err := other.Restore(snap); err == nil || !strings.Contains(err.Error(), "regions") {
		t.Fatalf("Restore into other regions: %v", err)
	}
}

func FuzzRestore(f *testing.F) {
	w := replayWorld()
	sc := &script{}
	ops := richScript()
	f.Add(mustSnapshot(f, w.svc))
	for i, o := range ops {
		sc.apply(w, o)
		if i == 10 || i == 28 || i == len(ops)-1 {
			f.Add(mustSnapshot(f, w.svc))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		svc := inspector.New(inspector.Config{Regions: []string{region, region2}, Advisories: w.db, Rand: newSeeded(1)})
		if err := svc.Restore(data); err != nil {
			return
		}
		snap, err := svc.Snapshot()
		if err != nil {
			t.Fatalf("Snapshot after a successful Restore: %v", err)
		}
		again := inspector.New(inspector.Config{Regions: []string{region, region2}, Advisories: w.db, Rand: newSeeded(1)})
		if err := again.Restore(snap); err != nil {
			t.Fatalf("Restore of a snapshot: %v", err)
		}
		if snap2, _ := again.Snapshot(); !bytes.Equal(snap, snap2) {
			t.Fatal("round trip of a restored snapshot differs")
		}
		// The restored service answers calls.
		if _, err := svc.ListFindings(root(admin), region, nil); err != nil {
			t.Fatalf("ListFindings: %v", err)
		}
	})
}

// snapshotFixture loads accounts×1,000 findings as the scale fixture does:
// an organization whose delegated administrator and members each have 10
// instances of 100 vulnerable packages.
func snapshotFixture(b *testing.B, accounts int) *world {
	db := syntheticDB(b, fixtureAdvisory)
	w := newWorld(db)
	pool := packagePool(fixtureAdvisory, 1)
	req := inspector.LoadRequest{Region: region, OrganizationID: "o-benchmark01", DelegatedAdmin: fixtureAccount(0), Shared: true}
	for i := range accounts {
		la := inspector.LoadAccount{AccountID: fixtureAccount(i), ScanTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}}
		for j := range fixtureInstances {
			off := (i*fixtureInstances + j) * 37 % fixtureAdvisory
			la.EC2Instances = append(la.EC2Instances, inspector.EC2Instance{
				InstanceID: fmt.Sprintf("i-%017x", i*fixtureInstances+j), ImageID: fmt.Sprintf("ami-%08x", j),
				Platform: "DEBIAN_12", Packages: pool[off : off+fixturePackages],
			})
		}
		req.Accounts = append(req.Accounts, la)
	}
	if err := w.svc.Load(req); err != nil {
		b.Fatal(err)
	}
	return w
}

// BenchmarkSnapshot: the snapshot of 100,000 findings (100 accounts).
func BenchmarkSnapshot(b *testing.B) {
	w := snapshotFixture(b, 100)
	b.ReportAllocs()
	var size int
	cpu := startCPU()
	for b.Loop() {
		snap, err := w.svc.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		size = len(snap)
	}
	cpu.report(b)
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(size)/100000, "bytes/finding")
}

// BenchmarkRestore: restoring the snapshot of 100,000 findings into a new
// Service.
func BenchmarkRestore(b *testing.B) {
	w := snapshotFixture(b, 100)
	snap := mustSnapshot(b, w.svc)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		svc := inspector.New(inspector.Config{Regions: []string{region, region2}, Advisories: w.db})
		if err := svc.Restore(snap); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// A Service is snapshotted and restored into a new one built with the same
// configuration: the restored Service shows the same findings and draws
// the same ids as the original.
func ExampleService_Snapshot() {
	w := newWorld(nil)
	_, _ = w.svc.Enable(root(member1), region, &inspector.EnableRequest{ResourceTypes: []inspector.ResourceScanType{inspector.ResourceScanTypeEc2}})
	w.wait()
	_, _ = w.svc.PutEC2Instance(region, member1, inspector.EC2Instance{InstanceID: "i-1", Platform: "DEBIAN_12",
		Packages: []inspector.Package{{Name: "curl", Version: "7.88.1", Release: "10+deb12u3"}}})

	snap, err := w.svc.Snapshot()
	fmt.Println("snapshot:", err, string(snap[:12]))
	restored := inspector.New(inspector.Config{Now: w.clock.Now, Rand: newSeeded(9), Regions: []string{region, region2}, Advisories: w.db})
	fmt.Println("restore:", restored.Restore(snap))

	for _, svc := range []*inspector.Service{w.svc, restored} {
		list, _ := svc.ListFindings(root(member1), region, nil)
		f, _ := svc.CreateFilter(root(member1), region, &inspector.CreateFilterRequest{Name: "all", Action: inspector.FilterActionNone,
			FilterCriteria: &inspector.FilterCriteria{}})
		arn := list.Findings[0].FindingArn
		fmt.Println(len(list.Findings), list.Findings[0].Title, arn[len(arn)-32:], f.Arn[len(f.Arn)-16:])
	}
	// Output:
	// snapshot: <nil> {"version":1
	// restore: <nil>
	// 1 CVE-2023-38545 - curl 06f9f986dc5086b841842f10ea856215 1ef01ac79dd1b714
	// 1 CVE-2023-38545 - curl 06f9f986dc5086b841842f10ea856215 1ef01ac79dd1b714
}

// Snapshot and Restore run while other goroutines call the Service (run
// with -race).
func TestSnapshotConcurrent(t *testing.T) {
	w := replayWorld()
	sc := &script{}
	for _, o := range richScript()[:29] {
		sc.apply(w, o)
	}
	snap := mustSnapshot(t, w.svc)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			if _, err := w.svc.ListFindings(root(admin), region, nil); err != nil {
				t.Error(err)
			}
			_, _ = w.svc.PutEC2Instance(region2, member1, inspector.EC2Instance{InstanceID: "i-9", Platform: "DEBIAN_12"})
		}
	}()
	for range 5 {
		if err := w.svc.Restore(snap); err != nil {
			t.Error(err)
		}
		if _, err := w.svc.Snapshot(); err != nil {
			t.Error(err)
		}
	}
	<-done
}
