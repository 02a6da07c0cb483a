package classic_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// The snapshot tests drive a world through a script of calls, as a client
// would: the driver remembers the ARNs, tokens and pagination tokens the
// calls returned, and every result (output or error) is recorded. A
// snapshot taken mid-way and restored into a fresh world from the same
// seed must give the rest of the script the same results, ids included.

const west = "us-west-2"

// advisories is the default advisory database, loaded once: the snapshot
// tests make many worlds.
var advisories = sync.OnceValue(advisory.Default)

func snapWorld(t tb) *world {
	return newWorld(t, func(c *classic.Config) { c.Advisories = advisories() })
}

// Operations of the script.
const (
	opPutInstance = iota
	opRemoveInstance
	opCreateGroup
	opCreateTarget
	opUpdateTarget
	opDeleteTarget
	opCreateTemplate
	opDeleteTemplate
	opSetTags
	opSubscribe
	opUnsubscribe
	opStartRun
	opStopRun
	opDeleteRun
	opAdvance
	opListFindings
	opAddAttributes
	opRemoveAttributes
	opDescribe
	opCreatePreview
	opGetPreview
	opRegisterRole
	opReport
	opRunDetails
	opCount
)

var opNames = [opCount]string{"PutInstance", "RemoveInstance", "CreateResourceGroup", "CreateAssessmentTarget",
	"UpdateAssessmentTarget", "DeleteAssessmentTarget", "CreateAssessmentTemplate", "DeleteAssessmentTemplate",
	"SetTagsForResource", "SubscribeToEvent", "UnsubscribeFromEvent", "StartAssessmentRun", "StopAssessmentRun",
	"DeleteAssessmentRun", "Advance", "ListFindings", "AddAttributesToFindings", "RemoveAttributesFromFindings",
	"Describe", "CreateExclusionsPreview", "GetExclusionsPreview", "RegisterCrossAccountAccessRole",
	"GetAssessmentReport", "RunDetails"}

// op is one call of a script; a, b and c choose its arguments.
type op struct{ kind, a, b, c int }

func (o op) String() string { return fmt.Sprintf("%s(%d,%d,%d)", opNames[o.kind], o.a, o.b, o.c) }

// who are the (caller, region) pairs of the script: two regions of one
// account and another account.
var who = []struct {
	p      *authz.Principal
	region string
}{{root, region}, {root, west}, {otherRoot, region}}

var snapInstances = []classic.Instance{
	debianInstance("i-1", map[string]string{"env": "prod"}),
	debianInstance("i-2", map[string]string{"env": "dev"}),
	withHealth(debianInstance("i-3", map[string]string{"env": "prod", "role": "web"}), classic.AgentHealthUnknown),
	withIPv6(withHealth(debianInstance("i-4", map[string]string{"role": "db"}), classic.AgentHealthUnhealthy)),
}

func withIPv6(in classic.Instance) classic.Instance {
	in.IPV6Addresses = []string{}
	in.NetworkInterfaceID = "eni-1"
	return in
}

var snapTags = [][]classic.ResourceGroupTag{
	{{Key: "env", Value: "prod"}},
	{{Key: "role"}},
	{{Key: "env", Value: "dev"}},
}

var snapTopics = []string{"arn:aws:sns:us-east-1:111122223333:alerts", "arn:aws:sns:us-east-1:111122223333:audit"}

var advances = []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 30 * time.Second, 3 * time.Minute, time.Hour}

// driver runs a script against a world.
type driver struct {
	w                                          *world
	groups, targets, templates, runs, findings []string
	previews                                   map[string]string // template ARN -> preview token
	pageToken                                  string            // of ListFindings, to go on with
}

func newDriver(w *world) *driver { return &driver{w: w, previews: map[string]string{}} }

// fork returns a driver of another world that knows what d knows.
func (d *driver) fork(w *world) *driver {
	return &driver{w: w, groups: slices.Clone(d.groups), targets: slices.Clone(d.targets), templates: slices.Clone(d.templates),
		runs: slices.Clone(d.runs), findings: slices.Clone(d.findings), previews: clonePreviews(d.previews), pageToken: d.pageToken}
}

func clonePreviews(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// pick returns the i-th ARN of a list (modulo its length), or a well-formed
// ARN of nothing when the list is empty.
func pick(list []string, i int, none string) string {
	if len(list) == 0 {
		return none
	}
	return list[i%len(list)]
}

// scopeOf returns the caller and region of an ARN's account and region.
func scopeOf(arn string) (*authz.Principal, string) {
	parts := strings.Split(arn, ":")
	if len(parts) < 6 {
		return root, region
	}
	p := root
	if parts[4] == other {
		p = otherRoot
	}
	return p, parts[3]
}

const (
	noTarget   = "arn:aws:inspector:us-east-1:111122223333:target/0-none0000"
	noTemplate = noTarget + "/template/0-none0000"
	noRun      = noTemplate + "/run/0-none0000"
	noFinding  = noRun + "/finding/0-none0000"
)

// result is what a call returned.
type result struct {
	Op  string
	Out any
	Err string
}

func (d *driver) apply(o op) result {
	out, err := d.call(o)
	r := result{Op: o.String(), Out: out}
	if err != nil {
		r.Err = err.Error()
		var e *classic.Error
		if errors.As(err, &e) {
			r.Err = e.Code + "/" + e.ErrorCode_ + ": " + e.Message
		}
	}
	return r
}

func (d *driver) call(o op) (any, error) {
	s := d.w.svc
	wh := who[o.c%len(who)]
	switch o.kind {
	case opPutInstance:
		return nil, s.PutInstance(wh.region, wh.p.Account, snapInstances[o.a%len(snapInstances)])
	case opRemoveInstance:
		return s.RemoveInstance(wh.region, wh.p.Account, snapInstances[o.a%len(snapInstances)].InstanceID), nil
	case opCreateGroup:
		out, err := s.CreateResourceGroup(wh.p, wh.region, &classic.CreateResourceGroupInput{ResourceGroupTags: snapTags[o.a%len(snapTags)]})
		if err == nil {
			d.groups = append(d.groups, out.ResourceGroupArn)
		}
		return out, err
	case opCreateTarget:
		in := &classic.CreateAssessmentTargetInput{AssessmentTargetName: fmt.Sprintf("target-%d", o.b%4)}
		p, rg := wh.p, wh.region
		if o.a%3 > 0 && len(d.groups) > 0 {
			in.ResourceGroupArn = pick(d.groups, o.a, "")
			p, rg = scopeOf(in.ResourceGroupArn)
		}
		out, err := s.CreateAssessmentTarget(p, rg, in)
		if err == nil {
			d.targets = append(d.targets, out.AssessmentTargetArn)
		}
		return out, err
	case opUpdateTarget:
		a := pick(d.targets, o.a, noTarget)
		p, rg := scopeOf(a)
		return s.UpdateAssessmentTarget(p, rg, &classic.UpdateAssessmentTargetInput{AssessmentTargetArn: a,
			AssessmentTargetName: fmt.Sprintf("target-%d", o.b%4), ResourceGroupArn: pick(d.groups, o.b, "")})
	case opDeleteTarget:
		a := pick(d.targets, o.a, noTarget)
		p, rg := scopeOf(a)
		return s.DeleteAssessmentTarget(p, rg, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: a})
	case opCreateTemplate:
		a := pick(d.targets, o.a, noTarget)
		p, rg := scopeOf(a)
		var pkgs []string
		for k := classic.CVE; k <= classic.SecurityBestPractices; k++ {
			if arn, ok := classic.RulesPackageArn(rg, k); ok && (o.b>>k)&1 == 1 {
				pkgs = append(pkgs, arn)
			}
		}
		if len(pkgs) == 0 {
			arn, _ := classic.RulesPackageArn(rg, classic.CVE)
			pkgs = []string{arn}
		}
		out, err := s.CreateAssessmentTemplate(p, rg, &classic.CreateAssessmentTemplateInput{
			AssessmentTargetArn: a, AssessmentTemplateName: fmt.Sprintf("template-%d", o.c%3), DurationInSeconds: 180 + int32(o.c%2)*3420,
			RulesPackageArns: pkgs, UserAttributesForFindings: []classic.Attribute{{Key: "team", Value: fmt.Sprint(o.b)}}})
		if err == nil {
			d.templates = append(d.templates, out.AssessmentTemplateArn)
		}
		return out, err
	case opDeleteTemplate:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		return s.DeleteAssessmentTemplate(p, rg, &classic.DeleteAssessmentTemplateInput{AssessmentTemplateArn: a})
	case opSetTags:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		var tags []classic.Tag
		for i := range o.b % 3 {
			tags = append(tags, classic.Tag{Key: fmt.Sprintf("k%d", i), Value: fmt.Sprint(o.b)})
		}
		if _, err := s.SetTagsForResource(p, rg, &classic.SetTagsForResourceInput{ResourceArn: a, Tags: tags}); err != nil {
			return nil, err
		}
		return s.ListTagsForResource(p, rg, &classic.ListTagsForResourceInput{ResourceArn: a})
	case opSubscribe, opUnsubscribe:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		ev := classic.InspectorEvent("").Values()[o.b%4]
		topic := snapTopics[o.c%len(snapTopics)]
		if o.kind == opSubscribe {
			_, err := s.SubscribeToEvent(p, rg, &classic.SubscribeToEventInput{ResourceArn: a, Event: ev, TopicArn: topic})
			if err != nil {
				return nil, err
			}
		} else if _, err := s.UnsubscribeFromEvent(p, rg, &classic.UnsubscribeFromEventInput{ResourceArn: a, Event: ev, TopicArn: topic}); err != nil {
			return nil, err
		}
		return s.ListEventSubscriptions(p, rg, &classic.ListEventSubscriptionsInput{MaxResults: 2})
	case opStartRun:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		out, err := s.StartAssessmentRun(p, rg, &classic.StartAssessmentRunInput{AssessmentTemplateArn: a})
		if err == nil {
			d.runs = append(d.runs, out.AssessmentRunArn)
		}
		return out, err
	case opStopRun:
		a := pick(d.runs, o.a, noRun)
		p, rg := scopeOf(a)
		return s.StopAssessmentRun(p, rg, &classic.StopAssessmentRunInput{AssessmentRunArn: a,
			StopAction: classic.StopAction("").Values()[o.b%2]})
	case opDeleteRun:
		a := pick(d.runs, o.a, noRun)
		p, rg := scopeOf(a)
		return s.DeleteAssessmentRun(p, rg, &classic.DeleteAssessmentRunInput{AssessmentRunArn: a})
	case opAdvance:
		d.w.clock.Advance(advances[o.a%len(advances)])
		return nil, nil
	case opListFindings:
		// One page of 3, going on from the last page's token (kept across
		// a restore), in one of the three scopes.
		out, err := s.ListFindings(wh.p, wh.region, &classic.ListFindingsInput{MaxResults: 3, NextToken: d.pageToken})
		if err != nil {
			d.pageToken = ""
			return nil, err
		}
		d.pageToken = out.NextToken
		for _, f := range out.FindingArns {
			if !slices.Contains(d.findings, f) {
				d.findings = append(d.findings, f)
			}
		}
		return out, nil
	case opAddAttributes:
		a := pick(d.findings, o.a, noFinding)
		p, rg := scopeOf(a)
		return s.AddAttributesToFindings(p, rg, &classic.AddAttributesToFindingsInput{FindingArns: []string{a},
			Attributes: []classic.Attribute{{Key: fmt.Sprintf("k%d", o.b%3), Value: fmt.Sprint(o.c)}}})
	case opRemoveAttributes:
		a := pick(d.findings, o.a, noFinding)
		p, rg := scopeOf(a)
		return s.RemoveAttributesFromFindings(p, rg, &classic.RemoveAttributesFromFindingsInput{FindingArns: []string{a},
			AttributeKeys: []string{fmt.Sprintf("k%d", o.b%3), "team"}})
	case opDescribe:
		return d.describe(wh.p, wh.region)
	case opCreatePreview:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		out, err := s.CreateExclusionsPreview(p, rg, &classic.CreateExclusionsPreviewInput{AssessmentTemplateArn: a})
		if err == nil {
			d.previews[a] = out.PreviewToken
		}
		return out, err
	case opGetPreview:
		a := pick(d.templates, o.a, noTemplate)
		p, rg := scopeOf(a)
		tok := d.previews[a]
		if tok == "" {
			tok = "00000000-0000-4000-8000-000000000000"
		}
		return s.GetExclusionsPreview(p, rg, &classic.GetExclusionsPreviewInput{AssessmentTemplateArn: a, PreviewToken: tok, MaxResults: 2})
	case opRegisterRole:
		if _, err := s.RegisterCrossAccountAccessRole(wh.p, wh.region, &classic.RegisterCrossAccountAccessRoleInput{
			RoleArn: fmt.Sprintf("arn:aws:iam::%s:role/inspector-%d", wh.p.Account, o.a%2)}); err != nil {
			return nil, err
		}
		return s.DescribeCrossAccountAccessRole(wh.p, wh.region, nil)
	case opReport:
		a := pick(d.runs, o.a, noRun)
		p, rg := scopeOf(a)
		out, err := s.GetAssessmentReport(p, rg, &classic.GetAssessmentReportInput{AssessmentRunArn: a,
			ReportFileFormat: classic.ReportFileFormatHtml, ReportType: classic.ReportType("").Values()[o.b%2]})
		if err != nil {
			return nil, err
		}
		return out.URL + "\n" + string(out.Body), nil
	case opRunDetails:
		a := pick(d.runs, o.a, noRun)
		p, rg := scopeOf(a)
		agents, err := s.ListAssessmentRunAgents(p, rg, &classic.ListAssessmentRunAgentsInput{AssessmentRunArn: a})
		if err != nil {
			return nil, err
		}
		excl := must(s.ListExclusions(p, rg, &classic.ListExclusionsInput{AssessmentRunArn: a}))
		var described *classic.DescribeExclusionsOutput
		if len(excl.ExclusionArns) > 0 {
			described = must(s.DescribeExclusions(p, rg, &classic.DescribeExclusionsInput{ExclusionArns: excl.ExclusionArns}))
		}
		tel := must(s.GetTelemetryMetadata(p, rg, &classic.GetTelemetryMetadataInput{AssessmentRunArn: a}))
		return []any{agents, excl, described, tel}, nil
	}
	panic("unknown op")
}

// describe describes everything the driver knows of in a scope: targets,
// templates, runs and findings (up to 10 of each, the latest), and lists
// them.
func (d *driver) describe(p *authz.Principal, rg string) (any, error) {
	s := d.w.svc
	last := func(l []string) []string { return l[max(0, len(l)-10):] }
	var out []any
	if len(d.targets) > 0 {
		out = append(out, must(s.DescribeAssessmentTargets(p, rg, &classic.DescribeAssessmentTargetsInput{AssessmentTargetArns: last(d.targets)})))
	}
	if len(d.groups) > 0 {
		out = append(out, must(s.DescribeResourceGroups(p, rg, &classic.DescribeResourceGroupsInput{ResourceGroupArns: last(d.groups)})))
	}
	if len(d.templates) > 0 {
		out = append(out, must(s.DescribeAssessmentTemplates(p, rg, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: last(d.templates)})))
	}
	if len(d.runs) > 0 {
		out = append(out, must(s.DescribeAssessmentRuns(p, rg, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: last(d.runs)})))
	}
	if len(d.findings) > 0 {
		out = append(out, must(s.DescribeFindings(p, rg, &classic.DescribeFindingsInput{FindingArns: last(d.findings)})))
	}
	out = append(out,
		must(s.ListAssessmentTargets(p, rg, &classic.ListAssessmentTargetsInput{MaxResults: 100})),
		must(s.ListAssessmentTemplates(p, rg, &classic.ListAssessmentTemplatesInput{MaxResults: 100})),
		must(s.ListAssessmentRuns(p, rg, &classic.ListAssessmentRunsInput{MaxResults: 100})),
		must(s.ListFindings(p, rg, &classic.ListFindingsInput{MaxResults: 500})),
		must(s.ListEventSubscriptions(p, rg, &classic.ListEventSubscriptionsInput{MaxResults: 100})))
	return out, nil
}

// snapshotScript builds every kind of state in three scopes: instances,
// resource groups, targets (one updated, one deleted), templates with
// tags and subscriptions, runs completed (with findings whose attributes
// changed), failed, canceled and in progress (with an evaluation not yet
// published), exclusions, previews ready and in progress, a cross-account
// role.
var snapshotScript = []op{
	// Instances: four in us-east-1, one in us-west-2, one in the other
	// account (and one put and removed).
	{opPutInstance, 0, 0, 0}, {opPutInstance, 1, 0, 0}, {opPutInstance, 2, 0, 0}, {opPutInstance, 3, 0, 0},
	{opPutInstance, 0, 0, 1}, {opPutInstance, 3, 0, 2}, {opPutInstance, 1, 0, 2}, {opRemoveInstance, 1, 0, 2},
	// Groups g0 (env=prod), g1 (role), g2 (us-west-2 env=prod), g3 (other
	// account, env=dev), g4 (env=dev).
	{opCreateGroup, 0, 0, 0}, {opCreateGroup, 1, 0, 0}, {opCreateGroup, 0, 0, 1}, {opCreateGroup, 2, 0, 2}, {opCreateGroup, 2, 0, 0},
	// Targets T0 (g0), T1 (every instance, then g1), T2 (g2), T3 (g3), T4
	// (g4), T5 (deleted).
	{opCreateTarget, 5, 0, 0}, {opCreateTarget, 0, 1, 0}, {opCreateTarget, 2, 0, 0}, {opCreateTarget, 8, 0, 0},
	{opCreateTarget, 4, 2, 0}, {opCreateTarget, 0, 3, 0}, {opDeleteTarget, 5, 0, 0}, {opUpdateTarget, 1, 1, 0},
	// Templates P0 (T0: CVE, NR), P1 (T4: CVE, CIS, NR), P2 (T2: CVE, one
	// hour), P3 (T3: NR), P4 (T1: all four).
	{opCreateTemplate, 0, 5, 0}, {opCreateTemplate, 4, 7, 0}, {opCreateTemplate, 2, 1, 1}, {opCreateTemplate, 3, 4, 0},
	{opCreateTemplate, 1, 15, 2},
	{opSetTags, 0, 2, 0}, {opSubscribe, 0, 0, 0}, {opSubscribe, 0, 2, 1}, {opSubscribe, 1, 3, 0}, {opSubscribe, 0, 1, 0},
	{opUnsubscribe, 0, 1, 0},
	// Runs R0 (P0: COMPLETED_WITH_ERRORS), R1 (P3: FAILED), R2 (P2:
	// CANCELED), R3 (P1: COMPLETED).
	{opStartRun, 0, 0, 0}, {opStartRun, 3, 0, 0}, {opStartRun, 2, 0, 0}, {opStartRun, 1, 0, 0},
	{opAdvance, 1, 0, 0}, {opStopRun, 2, 1, 0}, {opAdvance, 5, 0, 0},
	{opListFindings, 0, 0, 0}, {opListFindings, 0, 0, 0}, {opListFindings, 0, 0, 2}, {opAddAttributes, 0, 1, 7},
	{opAddAttributes, 1, 2, 3}, {opRemoveAttributes, 1, 2, 0},
	{opRegisterRole, 1, 0, 2}, {opCreatePreview, 0, 0, 0}, {opAdvance, 3, 0, 0}, {opCreatePreview, 1, 0, 0},
	// R4 (P0), P4 fails (its instances are busy), R5 (P2).
	{opStartRun, 0, 0, 0}, {opStartRun, 4, 0, 0}, {opStartRun, 2, 0, 0}, {opAdvance, 1, 0, 0}, {opDescribe, 0, 0, 0},
	// The restore point of TestSnapshotReplay: two runs in progress, a
	// preview in progress.
	{opGetPreview, 0, 0, 0}, {opGetPreview, 1, 0, 0}, {opCreateGroup, 1, 0, 0}, {opCreateTarget, 0, 3, 0},
	{opCreateTemplate, 6, 4, 1}, {opStopRun, 4, 0, 0}, {opAdvance, 4, 0, 0}, {opStartRun, 5, 0, 0}, {opAdvance, 5, 0, 0},
	{opListFindings, 0, 0, 0}, {opListFindings, 0, 0, 0}, {opListFindings, 0, 0, 0}, {opListFindings, 0, 0, 1},
	{opAddAttributes, 5, 0, 1}, {opCreatePreview, 0, 0, 0}, {opAdvance, 3, 0, 0}, {opGetPreview, 0, 0, 0}, {opGetPreview, 1, 0, 0},
	{opReport, 0, 0, 0}, {opReport, 3, 1, 0}, {opReport, 1, 0, 0}, {opRunDetails, 0, 0, 0}, {opRunDetails, 3, 0, 0},
	{opRunDetails, 4, 0, 0}, {opRunDetails, 6, 0, 0},
	{opDeleteRun, 4, 0, 0}, {opDeleteTemplate, 4, 0, 0}, {opDescribe, 0, 0, 0}, {opDescribe, 0, 0, 1}, {opDescribe, 0, 0, 2},
}

// snapshotSplit is where TestSnapshotReplay restores.
var snapshotSplit = slices.IndexFunc(snapshotScript, func(o op) bool { return o.kind == opGetPreview })

func runScript(t tb, d *driver, script []op) []result {
	t.Helper()
	out := make([]result, len(script))
	for i, o := range script {
		out[i] = d.apply(o)
	}
	return out
}

func snapshot(t tb, w *world) []byte {
	t.Helper()
	data, err := w.svc.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// restored returns a fresh world of the same configuration and clock
// reading as w, restored from w's snapshot.
func restored(t tb, w *world) *world {
	t.Helper()
	b := snapWorld(t)
	b.clock.t = w.clock.Now()
	if err := b.svc.Restore(snapshot(t, w)); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSnapshotRoundTrip(t *testing.T) {
	a := snapWorld(t)
	results := runScript(t, newDriver(a), snapshotScript)
	// The script built what it should have: check a few results.
	for _, want := range []string{"CreateAssessmentTarget(8,0,0)", "StartAssessmentRun(2,0,0)", "RegisterCrossAccountAccessRole(1,0,2)"} {
		i := slices.IndexFunc(results, func(r result) bool { return r.Op == want })
		if i < 0 || results[i].Err != "" {
			t.Fatalf("%s: %+v", want, results[i])
		}
	}
	data := snapshot(t, a)
	for _, want := range []string{`{"version":1,`, `"state":"COMPLETED"`, `"state":"FAILED"`, `"state":"CANCELED"`,
		`"state":"COMPLETED_WITH_ERRORS"`, `"state":"COLLECTING_DATA"`, `"evaluation":{`, `"previews":[{`, `"crossAccountRole":{`, `"eventSubscriptions":[{`,
		`"tags":[{"key":"k0"`, `"key":"k0","value":"1"`, `"exclusions":[{"seq"`, `"serviceLinkedRoles":[{`, `"InstanceID":"i-4"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the snapshot has no %s", want)
		}
	}
	b := restored(t, a)
	if again := snapshot(t, b); !bytes.Equal(data, again) {
		t.Fatalf("Snapshot after Restore differs:\n%s", cmp.Diff(string(data), string(again)))
	}
	if again := snapshot(t, a); !bytes.Equal(data, again) {
		t.Fatal("a second Snapshot differs")
	}
}

// TestSnapshotReplay restores mid-script, with runs and a preview in
// progress, and runs the rest of the script on both worlds: the rest
// creates resources, publishes findings and previews (drawing ids and
// tokens), and reads everything back.
func TestSnapshotReplay(t *testing.T) {
	a := snapWorld(t)
	da := newDriver(a)
	runScript(t, da, snapshotScript[:snapshotSplit])
	b := restored(t, a)
	db := da.fork(b)
	ra := runScript(t, da, snapshotScript[snapshotSplit:])
	rb := runScript(t, db, snapshotScript[snapshotSplit:])
	if diff := cmp.Diff(ra, rb); diff != "" {
		t.Fatalf("results after the restore differ (-original +restored):\n%s", diff)
	}
	if !bytes.Equal(snapshot(t, a), snapshot(t, b)) {
		t.Fatal("the final snapshots differ")
	}
	// The rest of the script drew ids: new findings appeared.
	if len(da.findings) <= 4 {
		t.Fatalf("only %d findings", len(da.findings))
	}
}

func drawScript(t *rapid.T, label string) []op {
	n := rapid.IntRange(0, 40).Draw(t, label+" length")
	out := make([]op, n)
	for i := range out {
		out[i] = op{
			kind: rapid.IntRange(0, opCount-1).Draw(t, "op"),
			a:    rapid.IntRange(0, 15).Draw(t, "a"),
			b:    rapid.IntRange(0, 15).Draw(t, "b"),
			c:    rapid.IntRange(0, 5).Draw(t, "c"),
		}
	}
	return out
}

// propSnapshotReplay: random scripts, restored at a random point, give the
// same results and the same final snapshot; the snapshot of the restored
// world is the one it was restored from.
func propSnapshotReplay(t *rapid.T) {
	// A start that makes runs and findings likely.
	prefix := []op{{opPutInstance, 0, 0, 0}, {opPutInstance, 2, 0, 0}, {opCreateTarget, 0, 0, 0}, {opCreateTemplate, 0, 5, 0}}
	before := append(prefix, drawScript(t, "before")...)
	after := drawScript(t, "after")
	a := snapWorld(t)
	da := newDriver(a)
	runScript(t, da, before)
	data := snapshot(t, a)
	b := restored(t, a)
	if again := snapshot(t, b); !bytes.Equal(data, again) {
		t.Fatalf("Snapshot after Restore differs:\n%s", cmp.Diff(string(data), string(again)))
	}
	db := da.fork(b)
	ra := runScript(t, da, after)
	rb := runScript(t, db, after)
	if diff := cmp.Diff(ra, rb); diff != "" {
		t.Fatalf("results after the restore differ (-original +restored):\n%s", diff)
	}
	if !bytes.Equal(snapshot(t, a), snapshot(t, b)) {
		t.Fatal("the final snapshots differ")
	}
}

func TestSnapshotReplayProperty(t *testing.T) { rapid.Check(t, propSnapshotReplay) }

func FuzzSnapshotReplay(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propSnapshotReplay)) }

// TestSnapshotConcurrent snapshots and restores while a script runs (under
// -race: no data race, no panic; every snapshot taken restores).
func TestSnapshotConcurrent(t *testing.T) {
	w := snapWorld(t)
	script := slices.DeleteFunc(slices.Clone(snapshotScript), func(o op) bool { return o.kind == opDescribe || o.kind == opRunDetails })
	done := make(chan struct{})
	go func() {
		defer close(done)
		runScript(t, newDriver(w), script)
	}()
	var snaps [][]byte
	for range 20 {
		data := snapshot(t, w)
		snaps = append(snaps, data)
		if len(snaps)%3 == 0 {
			if err := w.svc.Restore(snaps[len(snaps)/2]); err != nil {
				t.Fatal(err)
			}
		}
	}
	<-done
	for _, data := range snaps {
		if err := snapWorld(t).svc.Restore(data); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRestoreInvalid: a malformed or inconsistent snapshot is an error
// that names what is wrong, and leaves the service unchanged.
func TestRestoreInvalid(t *testing.T) {
	a := snapWorld(t)
	runScript(t, newDriver(a), snapshotScript)
	good := string(snapshot(t, a))
	target := must(a.svc.ListAssessmentTargets(root, region, nil)).AssessmentTargetArns[0]
	template := must(a.svc.ListAssessmentTemplates(root, region, nil)).AssessmentTemplateArns[0]
	replace := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("the snapshot has no %s", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	for _, tc := range []struct{ name, data, want string }{
		{"not JSON", "{", "unexpected end"},
		{"no version", `{"partition":"aws"}`, "begins with its version"},
		{"not an object", `[1]`, "begins with its version"},
		{"version 2", `{"version":2}`, "version 2 is not supported"},
		{"trailing data", good + "{}", "data after the snapshot"},
		{"unknown field", replace(`"seq":`, `"extra":1,"seq":`), `unknown field "extra"`},
		{"partition", replace(`"partition":"aws"`, `"partition":"aws-cn"`), `partition "aws-cn"`},
		{"rand", replace(`"rand":"`, `"rand":"AAAA`), "rand"},
		{"region", replace(`"region":"us-east-1","account":"111122223333","resourceGroups"`, `"region":"mars-1","account":"111122223333","resourceGroups"`),
			`region "mars-1"`},
		{"duplicate target", replace(`"targets":[{`, `"targets":[{"seq":1,"arn":"`+target+`","name":"x","resourceGroupArn":"","createdAt":"2024-05-01T12:00:00Z","updatedAt":"2024-05-01T12:00:00Z"},{`),
			"given twice"},
		{"bad ARN", replace(`"arn":"`+target+`"`, `"arn":"arn:aws:inspector:us-east-1:111122223333:target"`), "is not a valid assessment target ARN"},
		{"dangling template", replace(`"arn":"`+target+`"`, `"arn":"arn:aws:inspector:us-east-1:111122223333:target/0-gone0000"`),
			"no assessment target " + target},
		{"dangling preview", replace(`"assessmentTemplateArn":"`+template+`"`, `"assessmentTemplateArn":"`+template+`x"`), "no assessment template"},
		{"seq beyond counter", regexp.MustCompile(`"seq":\d+,"serviceLinkedRoles"`).ReplaceAllString(good, `"seq":3,"serviceLinkedRoles"`),
			"is not between 1 and 3"},
		{"duplicate seq", regexp.MustCompile(`("templates":\[\{"seq":)\d+`).ReplaceAllString(good, `${1}1`), "sequence number 1 is"},
		{"state", replace(`"state":"COMPLETED"`, `"state":"DONE"`), `"DONE" is not a state`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := snapWorld(t)
			runScript(t, newDriver(b), snapshotScript[:10])
			before := snapshot(t, b)
			err := b.svc.Restore([]byte(tc.data))
			if !errors.Is(err, classic.ErrInvalidSnapshot) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Restore: %v, want an ErrInvalidSnapshot naming %q", err, tc.want)
			}
			if after := snapshot(t, b); !bytes.Equal(before, after) {
				t.Fatal("a failed Restore changed the service")
			}
		})
	}
}

// FuzzRestore: Restore never panics; what it accepts can be snapshotted
// again, identically, and used. The seeds are real snapshots of small
// worlds (the fuzzer minimizes what it finds, which takes long on large
// inputs): a run in progress with its evaluation, then completed with
// findings, a preview, a subscription and a role.
func FuzzRestore(f *testing.F) {
	small := classic.Instance{EC2Instance: inspector.EC2Instance{InstanceID: "i-1", Platform: "DEBIAN_12",
		SecurityGroups:         []inspector.SecurityGroup{{ID: "sg-1", Ingress: []inspector.IngressRule{{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0"}}}}},
		SubnetRoutesToInternet: true}}
	w := snapWorld(f)
	f.Add(snapshot(f, w))
	ok(f, w.svc.PutInstance(region, account, small))
	d := newDriver(w)
	runScript(f, d, []op{{opCreateTarget, 0, 0, 0}, {opCreateTemplate, 0, 4, 0}, {opSubscribe, 0, 0, 0}, {opStartRun, 0, 0, 0},
		{opAdvance, 1, 0, 0}, {opRegisterRole, 0, 0, 0}})
	f.Add(snapshot(f, w))
	runScript(f, d, []op{{opAdvance, 5, 0, 0}, {opCreatePreview, 0, 0, 0}})
	f.Add(snapshot(f, w))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := snapWorld(t)
		if err := w.svc.Restore(data); err != nil {
			if !errors.Is(err, classic.ErrInvalidSnapshot) {
				t.Fatalf("Restore: %v is not an ErrInvalidSnapshot", err)
			}
			return
		}
		snap := snapshot(t, w)
		w2 := snapWorld(t)
		if err := w2.svc.Restore(snap); err != nil {
			t.Fatalf("Restore of a Snapshot: %v", err)
		}
		if again := snapshot(t, w2); !bytes.Equal(snap, again) {
			t.Fatal("Snapshot after Restore differs")
		}
		// Use what was restored: advance every run, read everything.
		w.clock.Advance(48 * time.Hour)
		for _, wh := range who {
			runs := must(w.svc.ListAssessmentRuns(wh.p, wh.region, &classic.ListAssessmentRunsInput{MaxResults: 500}))
			dd := newDriver(w)
			dd.runs = runs.AssessmentRunArns
			for i := range min(len(dd.runs), 5) {
				dd.apply(op{opReport, i, 0, 0})
				dd.apply(op{opRunDetails, i, 0, 0})
			}
			dd.apply(op{opListFindings, 0, 0, 0})
			dd.apply(op{opDescribe, 0, 0, 0})
		}
	})
}

// BenchmarkSnapshot and BenchmarkRestore use a world of 100 instances,
// three templates and four completed runs (about 1,600 findings).
func snapshotBenchWorld(b *testing.B) *world {
	w := snapWorld(b)
	for i := range 100 {
		ok(b, w.svc.PutInstance(region, account, debianInstance(fmt.Sprintf("i-%017d", i), prod)))
	}
	_, tmpl := w.setup(b)
	for range 4 {
		must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl}))
		w.clock.Advance(time.Hour)
		must(w.svc.ListAssessmentRuns(root, region, nil)) // completes the run
	}
	return w
}

func BenchmarkSnapshot(b *testing.B) {
	w := snapshotBenchWorld(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(snapshot(b, w))
	}
	b.ReportMetric(float64(n), "bytes/snapshot")
}

func BenchmarkRestore(b *testing.B) {
	w := snapshotBenchWorld(b)
	data := snapshot(b, w)
	fresh := snapWorld(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := fresh.svc.Restore(data); err != nil {
			b.Fatal(err)
		}
	}
}
