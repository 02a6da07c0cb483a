package classic

import (
	"slices"
	"strconv"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// The timing of an assessment run. A run started at t0 with duration d
// goes through
//
//	CREATED                            t0
//	START_DATA_COLLECTION_PENDING      t0 + StepDelay
//	START_DATA_COLLECTION_IN_PROGRESS  t0 + 2·StepDelay
//	COLLECTING_DATA                    t0 + 3·StepDelay        (startedAt)
//	STOP_DATA_COLLECTION_PENDING       t1 = t0 + 3·StepDelay + d
//	DATA_COLLECTED                     t1 + StopDataCollectionDelay
//	START_EVALUATING_RULES_PENDING     … + StepDelay
//	EVALUATING_RULES                   … + StepDelay
//	COMPLETED or COMPLETED_WITH_ERRORS … + StepDelay           (completedAt)
//
// A run whose target holds no instance fails when data collection should
// start (FAILED at t0 + 3·StepDelay). StopAssessmentRun with
// START_EVALUATION moves a run that has not stopped collecting to
// STOP_DATA_COLLECTION_PENDING at once, and it goes on from there; with
// SKIP_EVALUATION it cancels the run (CANCELED, no findings). ERROR is
// never entered.
//
// Runs advance lazily: every call first moves the runs of its account and
// region through every step due by the clock, each step stamped with the
// time it was due, so a run observed late has the same history as one
// observed continuously.
const (
	StepDelay               = time.Second
	StopDataCollectionDelay = 30 * time.Second
)

// terminal reports whether a run in this state is over.
func (s AssessmentRunState) terminal() bool {
	switch s {
	case AssessmentRunStateCompleted, AssessmentRunStateCompletedWithErrors, AssessmentRunStateFailed,
		AssessmentRunStateError, AssessmentRunStateCanceled:
		return true
	}
	return false
}

// collecting reports whether the agents of a run in this state collect
// data.
func (s AssessmentRunState) collecting() bool {
	switch s {
	case AssessmentRunStateStartDataCollectionInProgress, AssessmentRunStateCollectingData:
		return true
	}
	return false
}

// rank orders the states along the machine: a run's rank never decreases.
func (s AssessmentRunState) rank() int {
	switch s {
	case AssessmentRunStateCreated:
		return 0
	case AssessmentRunStateStartDataCollectionPending:
		return 1
	case AssessmentRunStateStartDataCollectionInProgress:
		return 2
	case AssessmentRunStateCollectingData:
		return 3
	case AssessmentRunStateStopDataCollectionPending:
		return 4
	case AssessmentRunStateDataCollected:
		return 5
	case AssessmentRunStateStartEvaluatingRulesPending:
		return 6
	case AssessmentRunStateEvaluatingRules:
		return 7
	}
	return 8
}

// runAgent is an EC2 instance taking part in a run.
type runAgent struct {
	id, asg  string
	health   AgentHealth
	packages int
}

// run is an assessment run.
type run struct {
	seq       uint64
	arn, name string
	tmpl      *template
	state     AssessmentRunState
	duration  int32
	packages  []string
	kinds     []RulesPackageKind
	userAttrs []Attribute

	createdAt, startedAt, completedAt, changedAt time.Time
	dataCollected                                bool
	changes                                      []AssessmentRunStateChange
	notes                                        []AssessmentRunNotification

	agents     []runAgent
	draft      *draft // the evaluation, until it is published
	findings   []*finding
	counts     [5]int32 // by severityIndex
	exclusions []*exclusion
	next       time.Time // when the next step is due; zero when none is
}

// packageArn returns the run's ARN of a rules package kind.
func (r *run) packageArn(k RulesPackageKind) string {
	for i, kk := range r.kinds {
		if kk == k {
			return r.packages[i]
		}
	}
	return ""
}

func (r *run) out() AssessmentRun {
	a := AssessmentRun{
		Arn: r.arn, Name: r.name, AssessmentTemplateArn: r.tmpl.arn, State: r.state, DurationInSeconds: r.duration,
		RulesPackageArns: slices.Clone(r.packages), UserAttributesForFindings: cloneAttrs(r.userAttrs),
		CreatedAt: r.createdAt, StartedAt: r.startedAt, CompletedAt: r.completedAt, StateChangedAt: r.changedAt,
		DataCollected: r.dataCollected, StateChanges: slices.Clone(r.changes), Notifications: slices.Clone(r.notes),
		FindingCounts: make(map[Severity]int32, len(severityOrder)),
	}
	if a.Notifications == nil {
		a.Notifications = []AssessmentRunNotification{}
	}
	for i, sev := range severityOrder {
		a.FindingCounts[sev] = r.counts[i]
	}
	return a
}

// severityOrder indexes run.counts.
var severityOrder = [5]Severity{SeverityHigh, SeverityMedium, SeverityLow, SeverityInformational, SeverityUndefined}

func severityIndex(s Severity) int {
	for i, v := range severityOrder {
		if v == s {
			return i
		}
	}
	return len(severityOrder) - 1
}

// runLocked resolves an assessment run ARN.
func (c *call) runLocked(sc *scope, a string) (*run, error) {
	r := c.classify(a, kindRun)
	if r != lookupOK {
		return nil, c.arnError(a, kindRun, r)
	}
	rn := sc.runs[a]
	if rn == nil {
		return nil, c.arnError(a, kindRun, lookupMissing)
	}
	return rn, nil
}

// advanceLocked moves every run in progress of a scope through the steps
// due by now.
func (s *Service) advanceLocked(sc *scope, now time.Time) {
	if len(sc.active) == 0 {
		return
	}
	done := false
	for _, r := range sc.active {
		for !r.next.IsZero() && !r.next.After(now) {
			s.stepLocked(sc, r, r.next)
		}
		done = done || r.state.terminal()
	}
	if done {
		sc.active = slices.DeleteFunc(sc.active, func(r *run) bool { return r.state.terminal() })
	}
}

// setState records a state change of a run at a time and notifies the
// topics subscribed to state changes.
func (s *Service) setState(sc *scope, r *run, st AssessmentRunState, at time.Time) {
	r.state, r.changedAt = st, at
	r.changes = append(r.changes, AssessmentRunStateChange{StateChangedAt: at, State: st})
	s.notifyLocked(sc, r, InspectorEventAssessmentRunStateChanged, at, "Assessment run state changed to "+string(st)+".", false)
}

// stepLocked takes a run from its state to the next one, at time at.
func (s *Service) stepLocked(sc *scope, r *run, at time.Time) {
	switch r.state {
	case AssessmentRunStateCreated:
		s.setState(sc, r, AssessmentRunStateStartDataCollectionPending, at)
		r.next = at.Add(StepDelay)
	case AssessmentRunStateStartDataCollectionPending:
		s.setState(sc, r, AssessmentRunStateStartDataCollectionInProgress, at)
		r.next = at.Add(StepDelay)
	case AssessmentRunStateStartDataCollectionInProgress:
		if len(r.agents) == 0 {
			s.publishLocked(sc, r, at)
			s.finishLocked(sc, r, AssessmentRunStateFailed, at)
			return
		}
		s.setState(sc, r, AssessmentRunStateCollectingData, at)
		r.startedAt = at
		s.notifyLocked(sc, r, InspectorEventAssessmentRunStarted, at, "Assessment run started.", false)
		r.next = at.Add(time.Duration(r.duration) * time.Second)
	case AssessmentRunStateCollectingData:
		s.setState(sc, r, AssessmentRunStateStopDataCollectionPending, at)
		r.next = at.Add(StopDataCollectionDelay)
	case AssessmentRunStateStopDataCollectionPending:
		r.dataCollected = true
		s.setState(sc, r, AssessmentRunStateDataCollected, at)
		r.next = at.Add(StepDelay)
	case AssessmentRunStateDataCollected:
		s.setState(sc, r, AssessmentRunStateStartEvaluatingRulesPending, at)
		r.next = at.Add(StepDelay)
	case AssessmentRunStateStartEvaluatingRulesPending:
		s.setState(sc, r, AssessmentRunStateEvaluatingRules, at)
		r.next = at.Add(StepDelay)
	case AssessmentRunStateEvaluatingRules:
		withErrors := r.draft != nil && r.draft.errors
		s.publishLocked(sc, r, at)
		if withErrors {
			s.finishLocked(sc, r, AssessmentRunStateCompletedWithErrors, at)
		} else {
			s.finishLocked(sc, r, AssessmentRunStateCompleted, at)
		}
	default:
		r.next = time.Time{}
	}
}

// finishLocked ends a run in a terminal state.
func (s *Service) finishLocked(sc *scope, r *run, st AssessmentRunState, at time.Time) {
	r.completedAt = at
	r.next = time.Time{}
	r.draft = nil
	s.setState(sc, r, st, at)
	s.notifyLocked(sc, r, InspectorEventAssessmentRunCompleted, at, "Assessment run ended in state "+string(st)+".",
		st == AssessmentRunStateFailed)
}

// StartAssessmentRun starts a run of an assessment template on the EC2
// instances its target holds now. The run's name defaults to
// "Run <n> for <template name>" and must be unique among the template's
// runs. It fails with AgentsAlreadyRunningAssessmentException when one of
// the instances takes part in another run in progress, and with
// LimitExceededException (ASSESSMENT_RUN_LIMIT_EXCEEDED) beyond 50,000 runs
// or 500 instances in runs in progress.
//
// The instances' packages and network exposure are evaluated when the run
// starts (the agents report their inventory then); the findings are
// published when the run completes.
func (s *Service) StartAssessmentRun(caller *authz.Principal, region string, in *StartAssessmentRunInput) (*StartAssessmentRunOutput, error) {
	c, err := s.begin(caller, region, "StartAssessmentRun", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &StartAssessmentRunInput{}
	}
	if r := c.classify(in.AssessmentTemplateArn, kindTemplate); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentTemplateArn, kindTemplate, r)
	}
	if in.AssessmentRunName != "" && !validName(in.AssessmentRunName) {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentTemplateName, "The assessment run name must be 1 to 140 characters long.")
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}

	// Read the template, then the inventory and evaluate it without the lock.
	sc, _ := c.lock()
	t, err := c.templateLocked(sc, in.AssessmentTemplateArn)
	if err == nil {
		err = s.roleLocked(sc)
	}
	var snap templateSnapshot
	if err == nil {
		snap = snapshotOf(t)
	}
	c.unlock()
	if err != nil {
		return nil, err
	}
	insts, err := s.instancesOf(region, c.account, snap.tags)
	if err != nil {
		return nil, err
	}
	d := s.evaluate(region, snap, insts, nil)

	sc, now := c.lock()
	defer c.unlock()
	t, err = c.templateLocked(sc, in.AssessmentTemplateArn)
	if err != nil {
		return nil, err
	}
	name := in.AssessmentRunName
	if name == "" {
		for n := len(t.runs) + 1; ; n++ {
			name = "Run " + strconv.Itoa(n) + " for " + t.name
			if !t.hasRun(name) {
				break
			}
		}
	} else if t.hasRun(name) {
		return nil, errInvalid(InvalidInputErrorCodeAssessmentTemplateNameAlreadyTaken,
			"The assessment run name %q is already taken for this assessment template.", name)
	}
	if len(sc.runList) >= s.limits.AssessmentRuns {
		return nil, errLimit(LimitExceededErrorCodeAssessmentRunLimitExceeded, "You can have at most %d assessment runs.", s.limits.AssessmentRuns)
	}
	busyAgents := map[string]string{}
	running := 0
	for _, r := range sc.active {
		running += len(r.agents)
		for _, a := range r.agents {
			busyAgents[a.id] = r.arn
		}
	}
	var busy []AgentAlreadyRunningAssessment
	for _, a := range d.agents {
		if runArn, ok := busyAgents[a.id]; ok {
			busy = append(busy, AgentAlreadyRunningAssessment{AgentID: a.id, AssessmentRunArn: runArn})
		}
	}
	if len(busy) > 0 {
		return nil, errAgentsRunning(busy)
	}
	if running+len(d.agents) > s.limits.AgentsInRunningAssessments {
		return nil, errLimit(LimitExceededErrorCodeAssessmentRunLimitExceeded,
			"At most %d EC2 instances can take part in assessment runs in progress; %d already do and the target holds %d.",
			s.limits.AgentsInRunningAssessments, running, len(d.agents))
	}
	r := &run{
		seq: s.nextSeqLocked(), name: name, tmpl: t, duration: t.duration,
		packages: slices.Clone(t.packages), kinds: slices.Clone(t.kinds), userAttrs: slices.Clone(t.userAttrs),
		createdAt: now, agents: d.agents, draft: d,
	}
	for {
		r.arn = t.arn + "/run/" + s.newIDLocked()
		if sc.runs[r.arn] == nil {
			break
		}
	}
	sc.runs[r.arn] = r
	sc.runList = append(sc.runList, r)
	t.runs = append(t.runs, r)
	sc.active = append(sc.active, r)
	s.setState(sc, r, AssessmentRunStateCreated, now)
	r.next = now.Add(StepDelay)
	return &StartAssessmentRunOutput{AssessmentRunArn: r.arn}, nil
}

func (t *template) hasRun(name string) bool {
	for _, r := range t.runs {
		if r.name == name {
			return true
		}
	}
	return false
}

// StopAssessmentRun stops a run in progress: START_EVALUATION (the
// default) stops data collection and evaluates what was collected;
// SKIP_EVALUATION cancels the run, which then has no findings. Stopping a
// run that is over, or already evaluating, changes nothing.
func (s *Service) StopAssessmentRun(caller *authz.Principal, region string, in *StopAssessmentRunInput) (*StopAssessmentRunOutput, error) {
	c, err := s.begin(caller, region, "StopAssessmentRun", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &StopAssessmentRunInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	action := in.StopAction
	switch action {
	case "":
		action = StopActionStartEvaluation
	case StopActionStartEvaluation, StopActionSkipEvaluation:
	default:
		return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentRunState, "The stop action %q is not valid.", action)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	if r.state.terminal() {
		return &StopAssessmentRunOutput{}, nil
	}
	if action == StopActionSkipEvaluation {
		s.finishLocked(sc, r, AssessmentRunStateCanceled, now)
		sc.active = slices.DeleteFunc(sc.active, func(o *run) bool { return o == r })
		return &StopAssessmentRunOutput{}, nil
	}
	if r.state.rank() < AssessmentRunStateStopDataCollectionPending.rank() {
		s.setState(sc, r, AssessmentRunStateStopDataCollectionPending, now)
		r.next = now.Add(StopDataCollectionDelay)
	}
	return &StopAssessmentRunOutput{}, nil
}

// deleteRunLocked deletes a run that is over, with its findings and
// exclusions.
func (s *Service) deleteRunLocked(sc *scope, r *run) {
	if len(r.findings) > 0 {
		for _, f := range r.findings {
			delete(sc.findings, f.rec.Arn)
		}
		sc.findingList = slices.DeleteFunc(sc.findingList, func(f *finding) bool { return f.run == r })
	}
	for _, e := range r.exclusions {
		delete(sc.excls, e.rec.Arn)
	}
	delete(sc.runs, r.arn)
	sc.runList = slices.DeleteFunc(sc.runList, func(o *run) bool { return o == r })
	r.tmpl.runs = slices.DeleteFunc(r.tmpl.runs, func(o *run) bool { return o == r })
}

// DeleteAssessmentRun deletes a run with its findings and report. It
// fails with AssessmentRunInProgressException while the run is in
// progress.
func (s *Service) DeleteAssessmentRun(caller *authz.Principal, region string, in *DeleteAssessmentRunInput) (*DeleteAssessmentRunOutput, error) {
	c, err := s.begin(caller, region, "DeleteAssessmentRun", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DeleteAssessmentRunInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	if !r.state.terminal() {
		return nil, errRunsInProgress([]string{r.arn}, "The assessment run %s is in progress.", r.arn)
	}
	s.deleteRunLocked(sc, r)
	return &DeleteAssessmentRunOutput{}, nil
}

// DescribeAssessmentRuns describes 1 to 10 assessment runs.
func (s *Service) DescribeAssessmentRuns(caller *authz.Principal, region string, in *DescribeAssessmentRunsInput) (*DescribeAssessmentRunsOutput, error) {
	c, err := s.begin(caller, region, "DescribeAssessmentRuns", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &DescribeAssessmentRunsInput{}
	}
	if err := checkBatch(in.AssessmentRunArns, 10, InvalidInputErrorCodeInvalidNumberOfAssessmentRunArns, "assessment run"); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	out := &DescribeAssessmentRunsOutput{AssessmentRuns: []AssessmentRun{}, FailedItems: map[string]FailedItemDetails{}}
	seen := map[string]bool{}
	for _, a := range in.AssessmentRunArns {
		if seen[a] {
			continue
		}
		seen[a] = true
		r := c.classify(a, kindRun)
		rn := sc.runs[a]
		if r == lookupOK && rn == nil {
			r = lookupMissing
		}
		if r != lookupOK {
			out.FailedItems[a] = failedItem(r)
			continue
		}
		out.AssessmentRuns = append(out.AssessmentRuns, rn.out())
	}
	return out, nil
}

// ListAssessmentRuns lists the ARNs of the runs of up to 50 templates (all
// templates when none are given), in creation order, filtered by name
// pattern, states, duration, rules packages and start, completion and
// state-change times.
func (s *Service) ListAssessmentRuns(caller *authz.Principal, region string, in *ListAssessmentRunsInput) (*ListAssessmentRunsOutput, error) {
	c, err := s.begin(caller, region, "ListAssessmentRuns", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListAssessmentRunsInput{}
	}
	if len(in.AssessmentTemplateArns) > 50 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfAssessmentTemplateArns, "The number of assessment template ARNs must be at most 50.")
	}
	for _, a := range in.AssessmentTemplateArns {
		if r := c.classify(a, kindTemplate); r == lookupInvalid {
			return nil, c.arnError(a, kindTemplate, r)
		}
	}
	p, err := newPager("ListAssessmentRuns", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	f := in.Filter
	if f == nil {
		f = &AssessmentRunFilter{}
	}
	pat, err := namePattern(f.NamePattern, InvalidInputErrorCodeInvalidAssessmentTemplateNamePattern)
	if err != nil {
		return nil, err
	}
	if len(f.States) > 50 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidNumberOfAssessmentRunStates, "The number of states must be at most 50.")
	}
	for _, st := range f.States {
		if !slices.Contains(st.Values(), st) {
			return nil, errInvalid(InvalidInputErrorCodeInvalidAssessmentRunState, "The assessment run state %q is not valid.", st)
		}
	}
	if err := checkDurationRange(f.DurationRange, InvalidInputErrorCodeInvalidAssessmentRunDurationRange); err != nil {
		return nil, err
	}
	if err := checkRulesPackageFilter(f.RulesPackageArns); err != nil {
		return nil, err
	}
	for _, tr := range []struct {
		r    *TimestampRange
		code InvalidInputErrorCode
	}{
		{f.StartTimeRange, InvalidInputErrorCodeInvalidAssessmentRunStartTimeRange},
		{f.CompletionTimeRange, InvalidInputErrorCodeInvalidAssessmentRunCompletionTimeRange},
		{f.StateChangeTimeRange, InvalidInputErrorCodeInvalidAssessmentRunStateChangeTimeRange},
	} {
		if err := checkTimeRange(tr.r, tr.code); err != nil {
			return nil, err
		}
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	var templates map[*template]bool
	if len(in.AssessmentTemplateArns) > 0 {
		templates = map[*template]bool{}
		for _, a := range in.AssessmentTemplateArns {
			t, err := c.templateLocked(sc, a)
			if err != nil {
				return nil, err
			}
			templates[t] = true
		}
	}
	page, next := collect(p, sc.runList, func(r *run) uint64 { return r.seq }, func(r *run) bool {
		return (templates == nil || templates[r.tmpl]) && pat.Match(r.name) &&
			(len(f.States) == 0 || slices.Contains(f.States, r.state)) && inDuration(f.DurationRange, r.duration) &&
			containsAny(r.packages, f.RulesPackageArns) && inTime(f.StartTimeRange, r.startedAt) &&
			inTime(f.CompletionTimeRange, r.completedAt) && inTime(f.StateChangeTimeRange, r.changedAt)
	})
	out := &ListAssessmentRunsOutput{AssessmentRunArns: make([]string, len(page)), NextToken: next}
	for i, r := range page {
		out.AssessmentRunArns[i] = r.arn
	}
	return out, nil
}

// agentOut describes an agent of a run in the run's current state.
func (r *run) agentOut(a *runAgent) AssessmentRunAgent {
	out := AssessmentRunAgent{AgentID: a.id, AssessmentRunArn: r.arn, AgentHealth: a.health, AutoScalingGroup: a.asg,
		TelemetryMetadata: []TelemetryMetadata{}}
	switch a.health {
	case AgentHealthHealthy:
		out.AgentHealthCode = AgentHealthCodeIdle
		if r.state.collecting() {
			out.AgentHealthCode = AgentHealthCodeRunning
		}
		if r.dataCollected && a.packages > 0 {
			out.TelemetryMetadata = append(out.TelemetryMetadata, TelemetryMetadata{MessageType: "InspectorPackageInfo", Count: int64(a.packages)})
		}
	case AgentHealthUnhealthy:
		out.AgentHealthCode = AgentHealthCodeUnhealthy
		out.AgentHealthDetails = "The agent is installed but is not healthy."
	default:
		out.AgentHealthCode = AgentHealthCodeUnknown
		out.AgentHealthDetails = "No agent was found on the instance."
	}
	return out
}

// ListAssessmentRunAgents lists the agents (EC2 instances) of a run, by
// instance id, optionally those of the given healths and health codes.
func (s *Service) ListAssessmentRunAgents(caller *authz.Principal, region string, in *ListAssessmentRunAgentsInput) (*ListAssessmentRunAgentsOutput, error) {
	c, err := s.begin(caller, region, "ListAssessmentRunAgents", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListAssessmentRunAgentsInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	p, err := newPager("ListAssessmentRunAgents", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	var f AgentFilter
	if in.Filter != nil {
		f = *in.Filter
	}
	if len(f.AgentHealths) > 10 || len(f.AgentHealthCodes) > 10 {
		return nil, errInvalid(InvalidInputErrorCodeInvalidAgentId, "An agent filter has at most 10 healths and 10 health codes.")
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(r.agents))
	for i := range idx {
		idx[i] = i
	}
	page, next := collect(p, idx, func(i int) uint64 { return uint64(i) + 1 }, func(i int) bool {
		a := r.agentOut(&r.agents[i])
		return (len(f.AgentHealths) == 0 || slices.Contains(f.AgentHealths, a.AgentHealth)) &&
			(len(f.AgentHealthCodes) == 0 || slices.Contains(f.AgentHealthCodes, a.AgentHealthCode))
	})
	out := &ListAssessmentRunAgentsOutput{AssessmentRunAgents: make([]AssessmentRunAgent, len(page)), NextToken: next}
	for i, k := range page {
		out.AssessmentRunAgents[i] = r.agentOut(&r.agents[k])
	}
	return out, nil
}

// GetTelemetryMetadata returns what the agents of a run sent. The model's
// agents report one message type, InspectorPackageInfo (one message per
// installed package, sizes unknown), once the run has collected its data;
// before that, and for runs without healthy agents, the list is empty.
func (s *Service) GetTelemetryMetadata(caller *authz.Principal, region string, in *GetTelemetryMetadataInput) (*GetTelemetryMetadataOutput, error) {
	c, err := s.begin(caller, region, "GetTelemetryMetadata", AccessDeniedErrorCodeAccessDeniedToAssessmentRun)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &GetTelemetryMetadataInput{}
	}
	if r := c.classify(in.AssessmentRunArn, kindRun); r == lookupInvalid {
		return nil, c.arnError(in.AssessmentRunArn, kindRun, r)
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	r, err := c.runLocked(sc, in.AssessmentRunArn)
	if err != nil {
		return nil, err
	}
	out := &GetTelemetryMetadataOutput{TelemetryMetadata: []TelemetryMetadata{}}
	var n int64
	for i := range r.agents {
		for _, t := range r.agentOut(&r.agents[i]).TelemetryMetadata {
			n += t.Count
		}
	}
	if n > 0 {
		out.TelemetryMetadata = append(out.TelemetryMetadata, TelemetryMetadata{MessageType: "InspectorPackageInfo", Count: n})
	}
	return out, nil
}

// roleLocked checks that Inspector may access the account: through the
// service-linked role or a registered cross-account role.
func (s *Service) roleLocked(sc *scope) error {
	if _, ok := s.slr[sc.account]; ok || sc.role != nil {
		return nil
	}
	return errInvalidRole(InvalidCrossAccountRoleErrorCodeRoleDoesNotExistOrInvalidTrustRelationship,
		"Amazon Inspector cannot assume a role in account %s: neither the service-linked role %s nor a cross-account role is registered.",
		sc.account, ServiceLinkedRoleName)
}
