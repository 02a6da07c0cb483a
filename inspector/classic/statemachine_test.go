package classic_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// The state machine test drives targets, templates and runs with the clock
// against a model of what exists and checks, after every action:
//
//   - templates never change after creation (but for their run count and
//     last run);
//   - a run's state only moves forward along the machine, its history only
//     grows, stamped in time order, and a run's packages and duration are
//     its template's;
//   - runs (and findings) of a deleted template or target are gone;
//   - a run's finding counts by severity equal the findings ListFindings
//     returns for it, and findings appear only when the run is over;
//   - deleting a target or template with a run in progress, and starting a
//     run whose instances take part in a run in progress, fail.

// The model's instances: their tags decide which targets hold them.
var smInstances = []classic.Instance{
	debianInstance("i-1", map[string]string{"env": "prod"}),
	debianInstance("i-2", map[string]string{"env": "dev"}),
	withHealth(debianInstance("i-3", map[string]string{"env": "prod", "role": "web"}), classic.AgentHealthUnknown),
}

var smGroups = [][]classic.ResourceGroupTag{
	nil, // every instance
	{{Key: "env", Value: "prod"}},
	{{Key: "role"}},
	{{Key: "env", Value: "dev"}},
	{{Key: "env", Value: "qa"}}, // no instance
}

type smTarget struct {
	arn, name string
	group     int
}

type smTemplate struct {
	arn    string
	target *smTarget
	// created is the template as described right after creation.
	created classic.AssessmentTemplate
}

type smRun struct {
	arn      string
	template *smTemplate
	agents   []string
	last     classic.AssessmentRun // as last described
}

type stateMachine struct {
	w         *world
	groups    []string // resource group ARNs by smGroups index
	targets   []*smTarget
	templates []*smTemplate
	runs      []*smRun
	deleted   []*smRun // runs deleted with their template or target, or alone
}

const (
	smMaxTargets   = 3
	smMaxTemplates = 4
	smMaxRuns      = 6
)

func newStateMachine(t *rapid.T) *stateMachine {
	w := newWorld(t, func(c *classic.Config) {
		c.Limits = classic.Limits{AssessmentTargets: smMaxTargets, AssessmentTemplates: smMaxTemplates, AssessmentRuns: smMaxRuns}
	})
	for _, in := range smInstances {
		if err := w.svc.PutInstance(region, account, in); err != nil {
			t.Fatal(err)
		}
	}
	m := &stateMachine{w: w, groups: make([]string, len(smGroups))}
	for i, tags := range smGroups {
		if tags != nil {
			m.groups[i] = must(w.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: tags})).ResourceGroupArn
		}
	}
	return m
}

// instancesOf is the model's answer to which instances a group selects.
func instancesOf(group int) []string {
	var out []string
	for _, in := range smInstances {
		if smGroups[group] == nil {
			out = append(out, in.InstanceID)
			continue
		}
		for _, tg := range smGroups[group] {
			if v, ok := in.Tags[tg.Key]; ok && (tg.Value == "" || v == tg.Value) {
				out = append(out, in.InstanceID)
				break
			}
		}
	}
	return out
}

func errCode(err error) string {
	var e *classic.Error
	if errors.As(err, &e) {
		return e.Code + "/" + e.ErrorCode_
	}
	if err != nil {
		return "unexpected: " + err.Error()
	}
	return ""
}

func (m *stateMachine) createTarget(t *rapid.T) {
	name := rapid.SampledFrom([]string{"a", "b", "c", "d"}).Draw(t, "name")
	group := rapid.IntRange(0, len(smGroups)-1).Draw(t, "group")
	out, err := m.w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: name, ResourceGroupArn: m.groups[group]})
	want := ""
	switch {
	case slices.ContainsFunc(m.targets, func(x *smTarget) bool { return x.name == name }):
		want = "InvalidInputException/ASSESSMENT_TARGET_NAME_ALREADY_TAKEN"
	case len(m.targets) >= smMaxTargets:
		want = "LimitExceededException/ASSESSMENT_TARGET_LIMIT_EXCEEDED"
	}
	if got := errCode(err); got != want {
		t.Fatalf("CreateAssessmentTarget(%s) error %q, want %q", name, got, want)
	}
	if err == nil {
		m.targets = append(m.targets, &smTarget{arn: out.AssessmentTargetArn, name: name, group: group})
	}
}

func (m *stateMachine) updateTarget(t *rapid.T) {
	if len(m.targets) == 0 {
		return // no target: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	tg := rapid.SampledFrom(m.targets).Draw(t, "target")
	group := rapid.IntRange(0, len(smGroups)-1).Draw(t, "group")
	if _, err := m.w.svc.UpdateAssessmentTarget(root, region, &classic.UpdateAssessmentTargetInput{
		AssessmentTargetArn: tg.arn, AssessmentTargetName: tg.name, ResourceGroupArn: m.groups[group]}); err != nil {
		t.Fatal(err)
	}
	tg.group = group
}

func (m *stateMachine) createTemplate(t *rapid.T) {
	if len(m.targets) == 0 {
		return // no target: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	tg := rapid.SampledFrom(m.targets).Draw(t, "target")
	name := rapid.SampledFrom([]string{"x", "y"}).Draw(t, "name")
	duration := int32(rapid.SampledFrom([]int{60, 180, 900, 3600, 90000}).Draw(t, "duration"))
	pkgs := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{cveArn(), nrArn(), cisArn()}), 1, 3, rapid.ID[string]).Draw(t, "packages")
	in := &classic.CreateAssessmentTemplateInput{AssessmentTargetArn: tg.arn, AssessmentTemplateName: name, DurationInSeconds: duration,
		RulesPackageArns: pkgs, UserAttributesForFindings: []classic.Attribute{{Key: "k", Value: name}}}
	out, err := m.w.svc.CreateAssessmentTemplate(root, region, in)
	want := ""
	switch {
	case duration < 180 || duration > 86400:
		want = "InvalidInputException/INVALID_ASSESSMENT_TEMPLATE_DURATION"
	case slices.ContainsFunc(m.templates, func(x *smTemplate) bool { return x.target == tg && x.created.Name == name }):
		want = "InvalidInputException/ASSESSMENT_TEMPLATE_NAME_ALREADY_TAKEN"
	case len(m.templates) >= smMaxTemplates:
		want = "LimitExceededException/ASSESSMENT_TEMPLATE_LIMIT_EXCEEDED"
	}
	if got := errCode(err); got != want {
		t.Fatalf("CreateAssessmentTemplate error %q, want %q", got, want)
	}
	if err != nil {
		return
	}
	d := must(m.w.svc.DescribeAssessmentTemplates(root, region, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: []string{out.AssessmentTemplateArn}}))
	created := d.AssessmentTemplates[0]
	want2 := classic.AssessmentTemplate{Arn: out.AssessmentTemplateArn, Name: name, AssessmentTargetArn: tg.arn, DurationInSeconds: duration,
		RulesPackageArns: pkgs, UserAttributesForFindings: in.UserAttributesForFindings, CreatedAt: m.w.clock.Now()}
	if diff := cmp.Diff(want2, created); diff != "" {
		t.Fatalf("new template (-want +got)\n%s", diff)
	}
	m.templates = append(m.templates, &smTemplate{arn: out.AssessmentTemplateArn, target: tg, created: created})
}

// busy returns the instances taking part in runs in progress, by the runs'
// current states.
func (m *stateMachine) busy(t *rapid.T) map[string]bool {
	m.refresh(t)
	out := map[string]bool{}
	for _, r := range m.runs {
		if !terminal(r.last.State) {
			for _, a := range r.agents {
				out[a] = true
			}
		}
	}
	return out
}

func terminal(s classic.AssessmentRunState) bool {
	switch s {
	case classic.AssessmentRunStateCompleted, classic.AssessmentRunStateCompletedWithErrors, classic.AssessmentRunStateFailed,
		classic.AssessmentRunStateError, classic.AssessmentRunStateCanceled:
		return true
	}
	return false
}

func (m *stateMachine) startRun(t *rapid.T) {
	if len(m.templates) == 0 {
		return // no template: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	tp := rapid.SampledFrom(m.templates).Draw(t, "template")
	agents := instancesOf(tp.target.group)
	busy := m.busy(t)
	out, err := m.w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp.arn})
	want := ""
	switch {
	case len(m.runs) >= smMaxRuns:
		want = "LimitExceededException/ASSESSMENT_RUN_LIMIT_EXCEEDED"
	case slices.ContainsFunc(agents, func(a string) bool { return busy[a] }):
		want = "AgentsAlreadyRunningAssessmentException/"
	}
	if got := errCode(err); got != want {
		t.Fatalf("StartAssessmentRun error %q, want %q (busy %v, agents %v)", got, want, busy, agents)
	}
	if err != nil {
		return
	}
	r := &smRun{arn: out.AssessmentRunArn, template: tp, agents: agents}
	m.runs = append(m.runs, r)
	r.last = m.w.describeRun(t, r.arn)
	if r.last.State != classic.AssessmentRunStateCreated || r.last.DurationInSeconds != tp.created.DurationInSeconds ||
		!slices.Equal(r.last.RulesPackageArns, tp.created.RulesPackageArns) {
		t.Fatalf("new run %+v of template %+v", r.last, tp.created)
	}
}

func (m *stateMachine) stopRun(t *rapid.T) {
	if len(m.runs) == 0 {
		return // no run: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	r := rapid.SampledFrom(m.runs).Draw(t, "run")
	action := rapid.SampledFrom([]classic.StopAction{classic.StopActionStartEvaluation, classic.StopActionSkipEvaluation}).Draw(t, "action")
	if _, err := m.w.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: r.arn, StopAction: action}); err != nil {
		t.Fatal(err)
	}
}

func (m *stateMachine) deleteRun(t *rapid.T) {
	if len(m.runs) == 0 {
		return // no run: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	r := rapid.SampledFrom(m.runs).Draw(t, "run")
	m.refresh(t)
	_, err := m.w.svc.DeleteAssessmentRun(root, region, &classic.DeleteAssessmentRunInput{AssessmentRunArn: r.arn})
	if m.expectDelete(t, err, !terminal(r.last.State)) {
		m.dropRuns(func(x *smRun) bool { return x == r })
	}
}

func (m *stateMachine) deleteTemplate(t *rapid.T) {
	if len(m.templates) == 0 {
		return // no template: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	tp := rapid.SampledFrom(m.templates).Draw(t, "template")
	m.refresh(t)
	inProgress := slices.ContainsFunc(m.runs, func(r *smRun) bool { return r.template == tp && !terminal(r.last.State) })
	_, err := m.w.svc.DeleteAssessmentTemplate(root, region, &classic.DeleteAssessmentTemplateInput{AssessmentTemplateArn: tp.arn})
	if m.expectDelete(t, err, inProgress) {
		m.dropRuns(func(r *smRun) bool { return r.template == tp })
		m.templates = slices.DeleteFunc(m.templates, func(x *smTemplate) bool { return x == tp })
	}
}

func (m *stateMachine) deleteTarget(t *rapid.T) {
	if len(m.targets) == 0 {
		return // no target: nothing to do (a skip would let a fuzzed input starve rapid of actions)
	}
	tg := rapid.SampledFrom(m.targets).Draw(t, "target")
	m.refresh(t)
	inProgress := slices.ContainsFunc(m.runs, func(r *smRun) bool { return r.template.target == tg && !terminal(r.last.State) })
	_, err := m.w.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: tg.arn})
	if m.expectDelete(t, err, inProgress) {
		m.dropRuns(func(r *smRun) bool { return r.template.target == tg })
		m.templates = slices.DeleteFunc(m.templates, func(x *smTemplate) bool { return x.target == tg })
		m.targets = slices.DeleteFunc(m.targets, func(x *smTarget) bool { return x == tg })
	}
}

// expectDelete checks a deletion's outcome: AssessmentRunInProgressException
// when a run is in progress, success otherwise. It reports success.
func (m *stateMachine) expectDelete(t *rapid.T, err error, inProgress bool) bool {
	want := ""
	if inProgress {
		want = "AssessmentRunInProgressException/"
	}
	if got := errCode(err); got != want {
		t.Fatalf("delete error %q, want %q", got, want)
	}
	return err == nil
}

func (m *stateMachine) dropRuns(drop func(*smRun) bool) {
	for _, r := range m.runs {
		if drop(r) {
			m.deleted = append(m.deleted, r)
		}
	}
	m.runs = slices.DeleteFunc(m.runs, drop)
}

func (m *stateMachine) advance(t *rapid.T) {
	d := rapid.SampledFrom([]time.Duration{time.Second, 30 * time.Second, 3 * time.Minute, 20 * time.Minute, 2 * time.Hour}).Draw(t, "advance")
	m.w.clock.Advance(d)
}

// refresh describes every run, checking that states only move forward and
// histories only grow.
func (m *stateMachine) refresh(t *rapid.T) {
	for i := 0; i < len(m.runs); i += 10 {
		batch := m.runs[i:min(i+10, len(m.runs))]
		arns := make([]string, len(batch))
		for j, r := range batch {
			arns[j] = r.arn
		}
		out := must(m.w.svc.DescribeAssessmentRuns(root, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: arns}))
		if len(out.FailedItems) != 0 || len(out.AssessmentRuns) != len(batch) {
			t.Fatalf("runs missing: %v", out.FailedItems)
		}
		for j, now := range out.AssessmentRuns {
			r := batch[j]
			prev := r.last
			if rank(now.State) < rank(prev.State) {
				t.Fatalf("run %s went back from %s to %s", r.arn, prev.State, now.State)
			}
			if len(now.StateChanges) < len(prev.StateChanges) || !cmp.Equal(prev.StateChanges, now.StateChanges[:len(prev.StateChanges)]) {
				t.Fatalf("run %s rewrote its history:\n%v\n%v", r.arn, prev.StateChanges, now.StateChanges)
			}
			for k := 1; k < len(now.StateChanges); k++ {
				a, b := now.StateChanges[k-1], now.StateChanges[k]
				if b.StateChangedAt.Before(a.StateChangedAt) || rank(b.State) < rank(a.State) {
					t.Fatalf("run %s history out of order: %v", r.arn, now.StateChanges)
				}
			}
			if last := now.StateChanges[len(now.StateChanges)-1]; last.State != now.State || last.StateChangedAt != now.StateChangedAt {
				t.Fatalf("run %s: state %s at %v, last change %+v", r.arn, now.State, now.StateChangedAt, last)
			}
			if now.CompletedAt.IsZero() == terminal(now.State) {
				t.Fatalf("run %s in state %s completed at %v", r.arn, now.State, now.CompletedAt)
			}
			r.last = now
		}
	}
}

// rank orders the states along the machine.
func rank(s classic.AssessmentRunState) int {
	order := []classic.AssessmentRunState{
		classic.AssessmentRunStateCreated, classic.AssessmentRunStateStartDataCollectionPending,
		classic.AssessmentRunStateStartDataCollectionInProgress, classic.AssessmentRunStateCollectingData,
		classic.AssessmentRunStateStopDataCollectionPending, classic.AssessmentRunStateDataCollected,
		classic.AssessmentRunStateStartEvaluatingRulesPending, classic.AssessmentRunStateEvaluatingRules,
	}
	if i := slices.Index(order, s); i >= 0 {
		return i
	}
	return len(order)
}

func (m *stateMachine) check(t *rapid.T) {
	m.refresh(t)
	// Templates never change.
	for i := 0; i < len(m.templates); i += 10 {
		batch := m.templates[i:min(i+10, len(m.templates))]
		arns := make([]string, len(batch))
		for j, tp := range batch {
			arns[j] = tp.arn
		}
		out := must(m.w.svc.DescribeAssessmentTemplates(root, region, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: arns}))
		for j, got := range out.AssessmentTemplates {
			if diff := cmp.Diff(batch[j].created, got, cmpopts.IgnoreFields(classic.AssessmentTemplate{}, "AssessmentRunCount", "LastAssessmentRunArn")); diff != "" {
				t.Fatalf("template %s changed (-created +now)\n%s", got.Arn, diff)
			}
			n := 0
			for _, r := range m.runs {
				if r.template == batch[j] {
					n++
				}
			}
			if int(got.AssessmentRunCount) != n {
				t.Fatalf("template %s: %d runs, model %d", got.Arn, got.AssessmentRunCount, n)
			}
		}
	}
	// Findings: counts by severity equal the findings listed; none before
	// the run is over.
	all := map[string]bool{}
	for _, r := range m.runs {
		listed := map[classic.Severity]int32{}
		var total int32
		for _, sev := range classic.Severity("").Values() {
			arns := m.w.allFindings(t, &classic.FindingFilter{Severities: []classic.Severity{sev}}, r.arn)
			listed[sev] = int32(len(arns))
			total += int32(len(arns))
			for _, a := range arns {
				all[a] = true
			}
		}
		if diff := cmp.Diff(r.last.FindingCounts, listed); diff != "" {
			t.Fatalf("run %s (%s): finding counts differ from the findings listed (-counts +listed)\n%s", r.arn, r.last.State, diff)
		}
		if total > 0 && r.last.State != classic.AssessmentRunStateCompleted && r.last.State != classic.AssessmentRunStateCompletedWithErrors {
			t.Fatalf("run %s has %d findings in state %s", r.arn, total, r.last.State)
		}
	}
	if got := m.w.allFindings(t, nil); len(got) != len(all) {
		t.Fatalf("%d findings listed, %d in the model's runs", len(got), len(all))
	}
	// Deleted runs are gone.
	for i := 0; i < len(m.deleted); i += 10 {
		batch := m.deleted[i:min(i+10, len(m.deleted))]
		arns := make([]string, len(batch))
		for j, r := range batch {
			arns[j] = r.arn
		}
		out := must(m.w.svc.DescribeAssessmentRuns(root, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: arns}))
		if len(out.AssessmentRuns) != 0 {
			t.Fatalf("deleted runs still described: %v", out.AssessmentRuns)
		}
	}
	// Listings agree with the model.
	var want []string
	for _, tg := range m.targets {
		want = append(want, tg.arn)
	}
	got := must(m.w.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{MaxResults: 500}))
	if diff := cmp.Diff(want, got.AssessmentTargetArns, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("targets (-model +listed)\n%s", diff)
	}
	want = nil
	for _, r := range m.runs {
		want = append(want, r.arn)
	}
	runs := must(m.w.svc.ListAssessmentRuns(root, region, &classic.ListAssessmentRunsInput{MaxResults: 500}))
	if diff := cmp.Diff(want, runs.AssessmentRunArns, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("runs (-model +listed)\n%s", diff)
	}
}

func propStateMachine(t *rapid.T) {
	m := newStateMachine(t)
	t.Repeat(map[string]func(*rapid.T){
		"createTarget":   m.createTarget,
		"updateTarget":   m.updateTarget,
		"createTemplate": m.createTemplate,
		"startRun":       m.startRun,
		"stopRun":        m.stopRun,
		"deleteRun":      m.deleteRun,
		"deleteTemplate": m.deleteTemplate,
		"deleteTarget":   m.deleteTarget,
		"advance":        m.advance,
		"":               m.check,
	})
}

func TestStateMachine(t *testing.T) { rapid.Check(t, propStateMachine) }

func FuzzStateMachine(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propStateMachine)) }
