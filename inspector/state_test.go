package inspector_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"pgregory.net/rapid"
)

// The organization state machine: random callers delegate, enable,
// associate, register and change resources, change advisories, create and
// delete suppression rules, disassociate and change the delegated
// administrator, while the clock moves. A small model tracks delegation
// and membership and predicts the outcome of those operations; after every
// step the invariants are checked against the Service's own answers.

const acc5 = "555555555555"

var (
	orgAccounts = []string{mgmt, admin, member1, member2, acc5}
	allAccounts = append(slices.Clone(orgAccounts), outside)
	regions     = []string{region, region2}
)

type modelDA struct {
	account   string
	disabling bool
	until     time.Time
}

type machine struct {
	w       *world
	orgDA   string
	da      map[string]*modelDA
	members map[string]map[string]bool
	// live resources: region → account → ids
	live map[string]map[string][]string
	// synthetic advisories currently in the DB, by id
	synth map[string]bool
	// joined: the outside account joined the organization.
	joined bool
}

func newMachine() *machine {
	db := advisory.Default()
	w := newWorld(db)
	w.orgs.create(orgID, mgmt, admin, member1, member2, acc5)
	m := &machine{w: w, da: map[string]*modelDA{}, members: map[string]map[string]bool{}, live: map[string]map[string][]string{},
		synth: map[string]bool{}}
	for _, r := range regions {
		m.members[r] = map[string]bool{}
		m.live[r] = map[string][]string{}
	}
	return m
}

// expire drops delegated administrators whose DISABLE_IN_PROGRESS is over.
func (m *machine) expire() {
	now := m.w.clock.Now()
	for r, d := range m.da {
		if d.disabling && !d.until.After(now) {
			delete(m.da, r)
		}
	}
}

func (m *machine) daOf(r string) string {
	if d := m.da[r]; d != nil && !d.disabling {
		return d.account
	}
	return ""
}

func (m *machine) inOrg(a string) bool {
	return slices.Contains(orgAccounts, a) || a == outside && m.joined
}

func checkErr(t *rapid.T, op string, got, want error) {
	t.Helper()
	if want == nil {
		if got != nil {
			t.Fatalf("%s: unexpected error %v", op, got)
		}
		return
	}
	if !errors.Is(got, want) {
		t.Fatalf("%s: got %v, want %v", op, got, want)
	}
}

// machineStats counts what the checks saw, to show the machine reaches
// interesting states.
var machineStats struct {
	sync.Mutex
	checks, findings, suppressed, closed, network, withDA, members int
}

func (m *machine) enableDA(t *rapid.T) {
	m.expire()
	caller := rapid.OneOf(rapid.Just(mgmt), rapid.SampledFrom(allAccounts)).Draw(t, "caller")
	r := rapid.SampledFrom(regions).Draw(t, "region")
	target := rapid.OneOf(rapid.Just(admin), rapid.SampledFrom(allAccounts)).Draw(t, "target")
	var want error
	switch {
	case caller != mgmt:
		want = inspector.ErrAccessDenied
	case !m.inOrg(target) || target == mgmt:
		want = inspector.ErrValidation
	case m.orgDA != "" && m.orgDA != target:
		want = inspector.ErrConflict
	case m.da[r] != nil:
		want = inspector.ErrConflict
	}
	if want == nil {
		for _, o := range regions {
			if a := m.daOf(o); a != "" && a != target {
				want = inspector.ErrConflict
			}
		}
	}
	_, err := m.w.svc.EnableDelegatedAdminAccount(root(caller), r, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: target})
	checkErr(t, "EnableDelegatedAdminAccount", err, want)
	if err == nil {
		m.da[r] = &modelDA{account: target}
		m.orgDA = target
		delete(m.members[r], target)
	}
}

func (m *machine) disableDA(t *rapid.T) {
	m.expire()
	caller := rapid.OneOf(rapid.Just(mgmt), rapid.SampledFrom(allAccounts)).Draw(t, "caller")
	r := rapid.SampledFrom(regions).Draw(t, "region")
	target := rapid.SampledFrom(append([]string{m.orgDA}, allAccounts...)).Draw(t, "target")
	if target == "" {
		target = admin
	}
	var want error
	switch d := m.da[r]; {
	case caller != mgmt:
		want = inspector.ErrAccessDenied
	case d == nil || d.account != target:
		want = inspector.ErrResourceNotFound
	case d.disabling:
		want = inspector.ErrConflict
	}
	_, err := m.w.svc.DisableDelegatedAdminAccount(root(caller), r, &inspector.DisableDelegatedAdminAccountRequest{DelegatedAdminAccountID: target})
	checkErr(t, "DisableDelegatedAdminAccount", err, want)
	if err == nil {
		m.members[r] = map[string]bool{}
		m.da[r] = &modelDA{account: target, disabling: true, until: m.w.clock.Now().Add(inspector.AdminDisableDelay)}
		elsewhere := false
		for _, o := range regions {
			if o != r && m.daOf(o) == target {
				elsewhere = true
			}
		}
		if !elsewhere {
			m.orgDA = ""
		}
	}
}

var scanTypes = []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr, inspector.ResourceScanTypeLambda}

func (m *machine) targets(t *rapid.T) []string {
	return rapid.OneOf(rapid.Just[[]string](nil), rapid.SliceOfN(rapid.SampledFrom(allAccounts), 1, 2)).Draw(t, "accounts")
}

func (m *machine) mayManage(r, caller, target string) bool {
	return caller == target || m.daOf(r) == caller && m.members[r][target]
}

func (m *machine) enable(t *rapid.T) {
	m.expire()
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.Bool().Draw(t, "asAdmin") && m.orgDA != "" {
		caller = m.orgDA
	}
	r := rapid.SampledFrom(regions).Draw(t, "region")
	ids := m.targets(t)
	types := rapid.SliceOfNDistinct(rapid.SampledFrom(scanTypes), 1, 3, func(s inspector.ResourceScanType) inspector.ResourceScanType { return s }).Draw(t, "types")
	out, err := m.w.svc.Enable(root(caller), r, &inspector.EnableRequest{AccountIDs: ids, ResourceTypes: types})
	if err != nil {
		t.Fatalf("Enable: %v", err)
	}
	for _, f := range out.FailedAccounts {
		if f.ErrorCode == inspector.ErrorCodeAccessDenied && m.mayManage(r, caller, f.AccountID) &&
			!strings.Contains(f.ErrorMessage, "its own account first") {
			t.Fatalf("Enable %s by %s: unexpected ACCESS_DENIED", f.AccountID, caller)
		}
	}
	for _, a := range out.Accounts {
		if !m.mayManage(r, caller, a.AccountID) {
			t.Fatalf("Enable %s by %s succeeded without access", a.AccountID, caller)
		}
	}
}

// enableSelf enables EC2 scanning in an account by itself and waits for it.
func (m *machine) enableSelf(t *rapid.T) {
	acct := rapid.SampledFrom(allAccounts).Draw(t, "account")
	r := rapid.SampledFrom(regions).Draw(t, "region")
	if _, err := m.w.svc.Enable(root(acct), r, &inspector.EnableRequest{ResourceTypes: scanTypes[:1]}); err != nil {
		t.Fatalf("Enable: %v", err)
	}
	m.w.clock.Add(inspector.EnableDelay)
}

func (m *machine) disable(t *rapid.T) {
	m.expire()
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	r := rapid.SampledFrom(regions).Draw(t, "region")
	ids := m.targets(t)
	types := rapid.SliceOfNDistinct(rapid.SampledFrom(scanTypes), 0, 2, func(s inspector.ResourceScanType) inspector.ResourceScanType { return s }).Draw(t, "types")
	out, err := m.w.svc.Disable(root(caller), r, &inspector.DisableRequest{AccountIDs: ids, ResourceTypes: types})
	if err != nil {
		t.Fatalf("Disable: %v", err)
	}
	for _, a := range out.Accounts {
		if !m.mayManage(r, caller, a.AccountID) {
			t.Fatalf("Disable %s by %s succeeded without access", a.AccountID, caller)
		}
		if a.AccountID == caller && m.members[r][caller] {
			t.Fatalf("member %s disabled its own scanning", caller)
		}
	}
}

func (m *machine) associate(t *rapid.T) {
	m.expire()
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.Bool().Draw(t, "asAdmin") && m.orgDA != "" {
		caller = m.orgDA
	}
	r := rapid.SampledFrom(regions).Draw(t, "region")
	target := rapid.SampledFrom(allAccounts).Draw(t, "target")
	var want error
	switch {
	case m.daOf(r) != caller:
		want = inspector.ErrAccessDenied
	case target == caller || !m.inOrg(target):
		want = inspector.ErrValidation
	}
	_, err := m.w.svc.AssociateMember(root(caller), r, &inspector.AssociateMemberRequest{AccountID: target})
	checkErr(t, "AssociateMember", err, want)
	if err == nil {
		m.members[r][target] = true
	}
}

func (m *machine) disassociate(t *rapid.T) {
	m.expire()
	r := rapid.SampledFrom(regions).Draw(t, "region")
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.Bool().Draw(t, "asAdmin") && m.orgDA != "" {
		caller = m.orgDA
	}
	target := rapid.SampledFrom(allAccounts).Draw(t, "target")
	var want error
	switch {
	case m.daOf(r) != caller:
		want = inspector.ErrAccessDenied
	case !m.members[r][target]:
		want = inspector.ErrValidation
	}
	before := arns(m.own(t, target, r))
	_, err := m.w.svc.DisassociateMember(root(caller), r, &inspector.DisassociateMemberRequest{AccountID: target})
	checkErr(t, "DisassociateMember", err, want)
	if err == nil {
		delete(m.members[r], target)
		// Nothing is lost: the member keeps every finding.
		if after := arns(m.own(t, target, r)); !slices.Equal(before, after) {
			t.Fatalf("disassociating %s changed its findings:\n%v\n%v", target, before, after)
		}
	}
}

var (
	curlVuln  = inspector.Package{Name: "curl", Version: "7.88.1", Release: "10+deb12u3"}
	curlFixed = inspector.Package{Name: "curl", Version: "7.88.1", Release: "10+deb12u4"}
	xzVuln    = inspector.Package{Name: "xz-utils", Version: "5.6.0", Release: "0.2"}
	zlib      = inspector.Package{Name: "zlib1g", Version: "1.2.13", Release: "1"}
	openssl   = inspector.Package{Name: "openssl", Version: "3.0.11", Release: "1~deb12u1"}
	lodash    = inspector.Package{Name: "lodash", Version: "4.17.20", PackageManager: inspector.PackageManagerNpm}
)

func (m *machine) putInstance(t *rapid.T) {
	r := rapid.SampledFrom(regions).Draw(t, "region")
	acct := rapid.SampledFrom(allAccounts).Draw(t, "account")
	n := rapid.IntRange(0, 1).Draw(t, "instance")
	pkgs := rapid.SliceOfNDistinct(rapid.SampledFrom([]inspector.Package{curlVuln, curlFixed, xzVuln, zlib, openssl, lodash}), 0, 4,
		func(p inspector.Package) string { return p.Name }).Draw(t, "packages")
	ports := rapid.SampledFrom([][]int{nil, {22}, {80}, {22, 443}, {8080}}).Draw(t, "ports")
	var rules []inspector.IngressRule
	for _, p := range ports {
		rules = append(rules, inspector.IngressRule{Protocol: "tcp", FromPort: p, ToPort: p, CIDRs: []string{"0.0.0.0/0"}})
	}
	id := fmt.Sprintf("i-%d%s", n, acct[:4])
	inst := inspector.EC2Instance{InstanceID: id, ImageID: "ami-0000000" + fmt.Sprint(n), Platform: "DEBIAN_12", Packages: pkgs,
		SecurityGroups: []inspector.SecurityGroup{{ID: "sg-" + acct[:4], Ingress: rules}}, SubnetRoutesToInternet: rapid.Bool().Draw(t, "public"),
		Tags: map[string]string{"env": rapid.SampledFrom([]string{"prod", "dev"}).Draw(t, "env")}}
	got, err := m.w.svc.PutEC2Instance(r, acct, inst)
	if err != nil || got != id {
		t.Fatalf("PutEC2Instance: %q %v", got, err)
	}
	if !slices.Contains(m.live[r][acct], id) {
		m.live[r][acct] = append(m.live[r][acct], id)
	}
}

func (m *machine) removeInstance(t *rapid.T) {
	r := rapid.SampledFrom(regions).Draw(t, "region")
	acct := rapid.SampledFrom(allAccounts).Draw(t, "account")
	ids := m.live[r][acct]
	if len(ids) == 0 {
		return // no instance: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	id := rapid.SampledFrom(ids).Draw(t, "id")
	if err := m.w.svc.RemoveResource(r, acct, id); err != nil {
		t.Fatalf("RemoveResource: %v", err)
	}
	m.live[r][acct] = slices.DeleteFunc(ids, func(s string) bool { return s == id })
	if err := m.w.svc.RemoveResource(r, acct, id); !errors.Is(err, inspector.ErrResourceNotFound) {
		t.Fatalf("second RemoveResource: %v", err)
	}
}

// advisories adds, replaces or withdraws a synthetic advisory for zlib1g,
// changing the database's generation.
func (m *machine) advisories(t *rapid.T) {
	id := rapid.SampledFrom([]string{"CVE-2099-0001", "CVE-2099-0002"}).Draw(t, "id")
	if m.synth[id] && rapid.Bool().Draw(t, "remove") {
		m.w.db.Remove(id)
		delete(m.synth, id)
		return
	}
	vector := rapid.SampledFrom(benchVectors).Draw(t, "vector")
	a := &advisory.Advisory{ID: id, Modified: m.w.clock.Now().Add(time.Duration(len(m.synth)+1) * time.Second), Summary: "zlib test",
		Severity: []advisory.Severity{{Type: advisory.CVSSV3, Score: vector}},
		Affected: []advisory.Affected{{Package: advisory.Package{Ecosystem: "Debian:12", Name: "zlib1g"},
			Ranges: []advisory.Range{{Type: advisory.RangeEcosystem, Events: []advisory.Event{{Introduced: "0"}, {Fixed: "1.3-1"}}}}}}}
	if err := m.w.db.Add(a); err != nil {
		t.Fatal(err)
	}
	m.synth[id] = true
}

// ruleCriteria are the criteria suppression rules use here; ruleMatches
// evaluates them independently on the output findings.
var ruleCriteria = []*inspector.FilterCriteria{
	{Severity: []inspector.StringFilter{eq("CRITICAL")}},
	{Severity: []inspector.StringFilter{eq("MEDIUM"), eq("LOW")}},
	{VulnerabilityID: []inspector.StringFilter{eq("CVE-2023-38545")}},
	{VulnerabilityID: []inspector.StringFilter{eq("CVE-2099-0001")}},
	{FindingType: []inspector.StringFilter{eq("NETWORK_REACHABILITY")}},
	{Title: []inspector.StringFilter{{Comparison: inspector.StringComparisonPrefix, Value: "Port 22"}}},
	{ResourceID: []inspector.StringFilter{{Comparison: inspector.StringComparisonPrefix, Value: "i-1"}}},
	{VulnerablePackages: []inspector.PackageFilter{{Name: &inspector.StringFilter{Comparison: inspector.StringComparisonEquals, Value: "xz-utils"}}}},
	{FindingStatus: []inspector.StringFilter{eq("ACTIVE")}, Severity: []inspector.StringFilter{eq("HIGH")}},
	{ResourceTags: []inspector.MapFilter{{Comparison: inspector.MapComparisonEquals, Key: "env", Value: "dev"}}},
	{Severity: []inspector.StringFilter{{Comparison: inspector.StringComparisonNotEquals, Value: "CRITICAL"}}},
	{FindingStatus: []inspector.StringFilter{eq("ACTIVE")}},
	{},
}

func stringMatch(list []inspector.StringFilter, v string) bool {
	pos, ok := false, true
	for _, e := range list {
		switch e.Comparison {
		case inspector.StringComparisonEquals:
			pos = pos || v == e.Value
		case inspector.StringComparisonPrefix:
			pos = pos || strings.HasPrefix(v, e.Value)
		case inspector.StringComparisonNotEquals:
			ok = ok && v != e.Value
		}
	}
	hasPos := slices.ContainsFunc(list, func(e inspector.StringFilter) bool { return e.Comparison != inspector.StringComparisonNotEquals })
	return ok && (pos || !hasPos)
}

func ruleMatches(c *inspector.FilterCriteria, f *inspector.Finding) bool {
	if c == nil {
		return true
	}
	if c.Severity != nil && !stringMatch(c.Severity, string(f.Severity)) {
		return false
	}
	if c.FindingType != nil && !stringMatch(c.FindingType, string(f.Type)) {
		return false
	}
	if c.Title != nil && !stringMatch(c.Title, f.Title) {
		return false
	}
	if c.ResourceID != nil && !stringMatch(c.ResourceID, f.Resources[0].ID) {
		return false
	}
	if c.FindingStatus != nil {
		base := "ACTIVE"
		if f.Status == inspector.FindingStatusClosed {
			base = "CLOSED"
		}
		if !stringMatch(c.FindingStatus, base) {
			return false
		}
	}
	if c.VulnerabilityID != nil {
		if f.PackageVulnerabilityDetails == nil || !stringMatch(c.VulnerabilityID, f.PackageVulnerabilityDetails.VulnerabilityID) {
			return false
		}
	}
	if c.VulnerablePackages != nil {
		ok := false
		if d := f.PackageVulnerabilityDetails; d != nil {
			for _, p := range d.VulnerablePackages {
				if p.Name == c.VulnerablePackages[0].Name.Value {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	if c.ResourceTags != nil {
		kv := c.ResourceTags[0]
		if v, ok := f.Resources[0].Tags[kv.Key]; !ok || v != kv.Value {
			return false
		}
	}
	return true
}

func (m *machine) createFilter(t *rapid.T) {
	m.expire()
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.IntRange(0, 3).Draw(t, "asAdmin") > 0 && m.orgDA != "" {
		caller = m.orgDA
	}
	r := rapid.SampledFrom(regions).Draw(t, "region")
	action := rapid.SampledFrom([]inspector.FilterAction{inspector.FilterActionSuppress, inspector.FilterActionSuppress, inspector.FilterActionNone}).Draw(t, "action")
	crit := rapid.SampledFrom(ruleCriteria).Draw(t, "criteria")
	out, err := m.w.svc.CreateFilter(root(caller), r, &inspector.CreateFilterRequest{Name: "rule", Action: action, FilterCriteria: crit})
	var want error
	if m.members[r][caller] && action == inspector.FilterActionSuppress {
		want = inspector.ErrAccessDenied
	}
	checkErr(t, "CreateFilter", err, want)
	if err == nil {
		owner := caller
		if m.daOf(r) == caller {
			owner = orgID
		}
		if !strings.Contains(out.Arn, ":"+caller+":owner/"+owner+"/filter/") {
			t.Fatalf("filter ARN %s: want creator %s and owner %s", out.Arn, caller, owner)
		}
	}
}

// filters lists every filter of a region with its manager.
func (m *machine) filters(t *rapid.T, r string) map[string]inspector.Filter {
	out := map[string]inspector.Filter{}
	for _, a := range allAccounts {
		l, err := m.w.svc.ListFilters(root(a), r, &inspector.ListFiltersRequest{MaxResults: 3})
		for err == nil {
			for _, f := range l.Filters {
				out[f.Arn] = f
			}
			if l.NextToken == "" {
				break
			}
			l, err = m.w.svc.ListFilters(root(a), r, &inspector.ListFiltersRequest{MaxResults: 3, NextToken: l.NextToken})
		}
		if err != nil {
			t.Fatalf("ListFilters: %v", err)
		}
	}
	return out
}

func (m *machine) deleteFilter(t *rapid.T) {
	m.expire()
	r := rapid.SampledFrom(regions).Draw(t, "region")
	all := m.filters(t, r)
	if len(all) == 0 {
		return // no filter: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	arn := rapid.SampledFrom(slices.Sorted(maps.Keys(all))).Draw(t, "filter")
	f := all[arn]
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.Bool().Draw(t, "asManager") {
		caller = f.OwnerID
		if caller == orgID {
			caller = m.daOf(r)
		}
	}
	manages := caller == f.OwnerID || f.OwnerID == orgID && m.daOf(r) == caller
	_, err := m.w.svc.DeleteFilter(root(caller), r, &inspector.DeleteFilterRequest{Arn: arn})
	switch {
	case manages && !(m.members[r][caller] && f.Action == inspector.FilterActionSuppress):
		checkErr(t, "DeleteFilter", err, nil)
	case err == nil:
		t.Fatalf("DeleteFilter by %s of %s owned by %s succeeded", caller, arn, f.OwnerID)
	case !errors.Is(err, inspector.ErrAccessDenied) && !errors.Is(err, inspector.ErrResourceNotFound):
		t.Fatalf("DeleteFilter: %v", err)
	}
}

func (m *machine) updateFilter(t *rapid.T) {
	m.expire()
	r := rapid.SampledFrom(regions).Draw(t, "region")
	all := m.filters(t, r)
	if len(all) == 0 {
		return // no filter: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	arn := rapid.SampledFrom(slices.Sorted(maps.Keys(all))).Draw(t, "filter")
	f := all[arn]
	caller := f.OwnerID
	if caller == orgID {
		caller = m.daOf(r)
	}
	if caller == "" {
		return // no manager: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	action := rapid.SampledFrom([]inspector.FilterAction{"", inspector.FilterActionSuppress, inspector.FilterActionNone}).Draw(t, "action")
	var crit *inspector.FilterCriteria
	if rapid.Bool().Draw(t, "newCriteria") {
		crit = rapid.SampledFrom(ruleCriteria).Draw(t, "criteria")
	}
	_, err := m.w.svc.UpdateFilter(root(caller), r, &inspector.UpdateFilterRequest{FilterArn: arn, Action: action, FilterCriteria: crit})
	var want error
	if m.members[r][caller] && (f.Action == inspector.FilterActionSuppress || action == inspector.FilterActionSuppress) {
		want = inspector.ErrAccessDenied
	}
	checkErr(t, "UpdateFilter", err, want)
}

func (m *machine) orgConfig(t *rapid.T) {
	m.expire()
	caller := rapid.SampledFrom(allAccounts).Draw(t, "caller")
	if rapid.Bool().Draw(t, "asAdmin") && m.orgDA != "" {
		caller = m.orgDA
	}
	r := rapid.SampledFrom(regions).Draw(t, "region")
	ec2 := rapid.Bool().Draw(t, "ec2")
	f := false
	_, err := m.w.svc.UpdateOrganizationConfiguration(root(caller), r, &inspector.UpdateOrganizationConfigurationRequest{
		AutoEnable: &inspector.AutoEnable{Ec2: &ec2, Ecr: &f}})
	var want error
	if m.daOf(r) != caller {
		want = inspector.ErrAccessDenied
	}
	checkErr(t, "UpdateOrganizationConfiguration", err, want)
}

// join adds the outside account to the organization.
func (m *machine) join(t *rapid.T) {
	if m.joined {
		return // joined already: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	m.w.orgs.join(orgID, outside)
	m.joined = true
}

func (m *machine) tick(t *rapid.T) {
	d := rapid.SampledFrom([]time.Duration{10 * time.Second, 61 * time.Second, 8 * 24 * time.Hour, 31 * 24 * time.Hour}).Draw(t, "duration")
	m.w.clock.Add(d)
}

// listAll pages through ListFindings with small pages.
func listAll(t interface{ Fatalf(string, ...any) }, svc *inspector.Service, caller, r string, c *inspector.FilterCriteria) []inspector.Finding {
	var out []inspector.Finding
	req := &inspector.ListFindingsRequest{MaxResults: 7, FilterCriteria: c}
	for {
		page, err := svc.ListFindings(root(caller), r, req)
		if err != nil {
			t.Fatalf("ListFindings: %v", err)
		}
		out = append(out, page.Findings...)
		if page.NextToken == "" {
			return out
		}
		req.NextToken = page.NextToken
	}
}

func (m *machine) own(t *rapid.T, acct, r string) []inspector.Finding {
	return listAll(t, m.w.svc, acct, r, &inspector.FilterCriteria{AwsAccountID: []inspector.StringFilter{eq(acct)}})
}

func arns(fs []inspector.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.FindingArn
	}
	slices.Sort(out)
	return out
}

type sevCount struct{ all, critical, high, medium int64 }

func (m *machine) check(t *rapid.T) {
	m.expire()
	svc := m.w.svc
	enabledDAs := map[string]bool{}
	for _, r := range regions {
		// Delegation as the management account sees it.
		l, err := svc.ListDelegatedAdminAccounts(root(mgmt), r, nil)
		if err != nil {
			t.Fatalf("ListDelegatedAdminAccounts: %v", err)
		}
		var got []inspector.DelegatedAdminAccount
		got = append(got, l.DelegatedAdminAccounts...)
		var want []inspector.DelegatedAdminAccount
		if d := m.da[r]; d != nil {
			st := inspector.DelegatedAdminStatusEnabled
			if d.disabling {
				st = inspector.DelegatedAdminStatusDisableInProgress
			}
			want = append(want, inspector.DelegatedAdminAccount{AccountID: d.account, Status: st})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: delegated admins %v, model %v", r, got, want)
		}
		if a := m.daOf(r); a != "" {
			enabledDAs[a] = true
		}

		// Members.
		da := m.daOf(r)
		if da != "" {
			ml, err := svc.ListMembers(root(da), r, &inspector.ListMembersRequest{MaxResults: 2})
			var ids []string
			for err == nil {
				for _, mm := range ml.Members {
					ids = append(ids, mm.AccountID)
					if mm.RelationshipStatus != inspector.RelationshipStatusEnabled {
						t.Fatalf("member %s status %s", mm.AccountID, mm.RelationshipStatus)
					}
				}
				if ml.NextToken == "" {
					break
				}
				ml, err = svc.ListMembers(root(da), r, &inspector.ListMembersRequest{MaxResults: 2, NextToken: ml.NextToken})
			}
			if err != nil {
				t.Fatalf("ListMembers: %v", err)
			}
			if want := slices.Sorted(maps.Keys(m.members[r])); !slices.Equal(ids, want) {
				t.Fatalf("%s: members %v, model %v", r, ids, want)
			}
		}

		// Findings: each account sees its own, the delegated administrator
		// its members' too, exactly as they see them.
		own := map[string][]inspector.Finding{}
		seen := map[string]bool{}
		for _, a := range allAccounts {
			own[a] = m.own(t, a, r)
			for _, f := range own[a] {
				if f.AwsAccountID != a {
					t.Fatalf("%s filtered to %s got a finding of %s", a, a, f.AwsAccountID)
				}
				if seen[f.FindingArn] {
					t.Fatalf("duplicate finding ARN %s", f.FindingArn)
				}
				seen[f.FindingArn] = true
			}
		}
		for _, a := range allAccounts {
			visible := listAll(t, svc, a, r, nil)
			want := slices.Clone(own[a])
			if a == da {
				for mem := range m.members[r] {
					want = append(want, own[mem]...)
				}
			}
			if !slices.Equal(arns(visible), arns(want)) {
				t.Fatalf("%s in %s sees %d findings, want %d", a, r, len(visible), len(want))
			}
			status := map[string]inspector.FindingStatus{}
			for _, f := range want {
				status[f.FindingArn] = f.Status
			}
			for _, f := range visible {
				if status[f.FindingArn] != f.Status {
					t.Fatalf("%s sees %s as %s, its owner as %s", a, f.FindingArn, f.Status, status[f.FindingArn])
				}
			}

			// Aggregation equals the ACTIVE findings, per account.
			agg, err := svc.ListFindingAggregations(root(a), r, &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeAccount})
			if err != nil {
				t.Fatalf("ListFindingAggregations: %v", err)
			}
			gotAgg := map[string]sevCount{}
			for _, row := range agg.Responses {
				c := row.AccountAggregation.SeverityCounts
				gotAgg[row.AccountAggregation.AccountID] = sevCount{c.All, c.Critical, c.High, c.Medium}
			}
			wantAgg := map[string]sevCount{}
			for _, f := range visible {
				if f.Status != inspector.FindingStatusActive {
					continue
				}
				c := wantAgg[f.AwsAccountID]
				c.all++
				switch f.Severity {
				case inspector.SeverityCritical:
					c.critical++
				case inspector.SeverityHigh:
					c.high++
				case inspector.SeverityMedium:
					c.medium++
				}
				wantAgg[f.AwsAccountID] = c
			}
			if !maps.Equal(gotAgg, wantAgg) {
				t.Fatalf("%s in %s: aggregation %v, findings %v", a, r, gotAgg, wantAgg)
			}
		}

		// Lifecycle: per resource and title at most one open finding, and
		// none created while a finding closed within ReopenWindow could have
		// been reopened instead.
		for _, a := range allAccounts {
			type key struct{ res, title string }
			groups := map[key][]inspector.Finding{}
			for _, f := range own[a] {
				k := key{f.Resources[0].ID, f.Title}
				groups[k] = append(groups[k], f)
			}
			for k, fs := range groups {
				var open *inspector.Finding
				for i := range fs {
					if fs[i].Status != inspector.FindingStatusClosed {
						if open != nil {
							t.Fatalf("%v: two open findings %s and %s", k, open.FindingArn, fs[i].FindingArn)
						}
						open = &fs[i]
					}
				}
				for _, f := range fs {
					if open != nil && f.Status == inspector.FindingStatusClosed && !f.UpdatedAt.After(open.FirstObservedAt) &&
						open.FirstObservedAt.Sub(f.UpdatedAt) <= inspector.ReopenWindow {
						t.Fatalf("%v: %s created %v though %s closed %v could be reopened", k, open.FindingArn, open.FirstObservedAt, f.FindingArn, f.UpdatedAt)
					}
				}
			}
		}

		machineStats.Lock()
		if da != "" {
			machineStats.withDA++
		}
		machineStats.members += len(m.members[r])
		for _, fs := range own {
			for _, f := range fs {
				machineStats.findings++
				switch {
				case f.Status == inspector.FindingStatusSuppressed:
					machineStats.suppressed++
				case f.Status == inspector.FindingStatusClosed:
					machineStats.closed++
				}
				if f.Type == inspector.FindingTypeNetworkReachability {
					machineStats.network++
				}
			}
		}
		machineStats.Unlock()

		// Suppression is exactly the findings matched by a SUPPRESS rule
		// that applies to them.
		rules := m.filters(t, r)
		for _, a := range allAccounts {
			for _, f := range own[a] {
				suppressed := false
				for _, rule := range rules {
					inScope := rule.OwnerID == a || rule.OwnerID == orgID && (da == a || m.members[r][a])
					if rule.Action == inspector.FilterActionSuppress && inScope && ruleMatches(rule.Criteria, &f) {
						suppressed = true
					}
				}
				want := inspector.FindingStatusActive
				switch {
				case f.Status == inspector.FindingStatusClosed:
					want = inspector.FindingStatusClosed
				case suppressed:
					want = inspector.FindingStatusSuppressed
				}
				if f.Status != want {
					t.Fatalf("%s (%s, %s) is %s, want %s", f.FindingArn, f.Title, f.Severity, f.Status, want)
				}
			}
		}
	}
	machineStats.Lock()
	machineStats.checks++
	machineStats.Unlock()
	// One delegated administrator per organization, registered in
	// Organizations exactly while it is enabled in some region.
	if len(enabledDAs) > 1 {
		t.Fatalf("several delegated administrators: %v", enabledDAs)
	}
	reg := m.w.orgs.DelegatedAdministrators(orgID, inspector.ServicePrincipal)
	if !slices.Equal(reg, slices.Sorted(maps.Keys(enabledDAs))) {
		t.Fatalf("registered %v, enabled %v", reg, enabledDAs)
	}
}

// seed starts from an organization already at work: admin is the
// delegated administrator in the first region with three members scanning
// EC2, two of them running vulnerable, exposed instances.
func (m *machine) seed(t *rapid.T) {
	svc := m.w.svc
	r := region
	if _, err := svc.EnableDelegatedAdminAccount(root(mgmt), r, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: admin}); err != nil {
		t.Fatal(err)
	}
	m.da[r], m.orgDA = &modelDA{account: admin}, admin
	if _, err := svc.Enable(root(admin), r, &inspector.EnableRequest{ResourceTypes: scanTypes[:1]}); err != nil {
		t.Fatal(err)
	}
	m.w.clock.Add(inspector.EnableDelay)
	for _, a := range []string{member1, member2, acc5} {
		if _, err := svc.AssociateMember(root(admin), r, &inspector.AssociateMemberRequest{AccountID: a}); err != nil {
			t.Fatal(err)
		}
		m.members[r][a] = true
	}
	if _, err := svc.Enable(root(admin), r, &inspector.EnableRequest{AccountIDs: []string{member1, member2, acc5}, ResourceTypes: scanTypes[:1]}); err != nil {
		t.Fatal(err)
	}
	m.w.clock.Add(inspector.EnableDelay)
	for i, a := range []string{member1, member2} {
		id := fmt.Sprintf("i-%d%s", i, a[:4])
		_, err := svc.PutEC2Instance(r, a, inspector.EC2Instance{InstanceID: id, Platform: "DEBIAN_12", Packages: []inspector.Package{curlVuln, xzVuln},
			SecurityGroups:         []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"::/0"}}}}},
			SubnetRoutesToInternet: true})
		if err != nil {
			t.Fatal(err)
		}
		m.live[r][a] = append(m.live[r][a], id)
	}
}

func runMachine(t *rapid.T) {
	m := newMachine()
	if rapid.Bool().Draw(t, "seeded") {
		m.seed(t)
	}
	t.Repeat(map[string]func(*rapid.T){
		"enableDA":       m.enableDA,
		"disableDA":      m.disableDA,
		"enable":         m.enable,
		"enableSelf":     m.enableSelf,
		"putInstance2":   m.putInstance,
		"disable":        m.disable,
		"associate":      m.associate,
		"disassociate":   m.disassociate,
		"putInstance":    m.putInstance,
		"removeInstance": m.removeInstance,
		"advisories":     m.advisories,
		"createFilter":   m.createFilter,
		"deleteFilter":   m.deleteFilter,
		"updateFilter":   m.updateFilter,
		"orgConfig":      m.orgConfig,
		"tick":           m.tick,
		"join":           m.join,
		"":               m.check,
	})
}

func TestOrganizationStateMachine(t *testing.T) {
	rapid.Check(t, runMachine)
	s := &machineStats
	s.Lock()
	defer s.Unlock()
	t.Logf("%d checks: %d findings (%d suppressed, %d closed, %d network), %d region-checks with a delegated admin, %d member associations",
		s.checks, s.findings, s.suppressed, s.closed, s.network, s.withDA, s.members)
}

func FuzzOrganizationStateMachine(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(runMachine))
}
