package classic

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidSnapshot is the error of Restore when the snapshot is
// malformed, of another version or partition, or inconsistent.
var ErrInvalidSnapshot = errors.New("invalid snapshot")

// snapshotVersion is the version of the snapshot format.
const snapshotVersion = 1

// snapshotV1 is the whole state of a Service. Every list is sorted: scopes
// and registered instances by region and account, service-linked roles by
// account, resource groups by ARN, previews by token, and the rest by the
// sequence number the item got when it was created (or published), which
// is the order the listings and their pagination tokens follow.
type snapshotV1 struct {
	Version   int    `json:"version"`
	Partition string `json:"partition"`
	// Rand is the state of the id generator (ChaCha8's MarshalBinary).
	Rand []byte `json:"rand"`
	// Seq is the last sequence number given out.
	Seq                uint64          `json:"seq"`
	ServiceLinkedRoles []snapSLR       `json:"serviceLinkedRoles"`
	Instances          []snapInstances `json:"instances"`
	Scopes             []snapScope     `json:"scopes"`
}

type snapSLR struct {
	Account   string    `json:"account"`
	CreatedAt time.Time `json:"createdAt"`
}

// snapInstances are the instances registered with PutInstance for an
// account and region, by id.
type snapInstances struct {
	Region    string     `json:"region"`
	Account   string     `json:"account"`
	Instances []Instance `json:"instances"`
}

// snapScope is the state of an account in a region. Findings and
// exclusions name their run, runs their template, templates their target
// by ARN (an ARN extends its parent's).
type snapScope struct {
	Region           string             `json:"region"`
	Account          string             `json:"account"`
	ResourceGroups   []snapGroup        `json:"resourceGroups"`
	Targets          []snapTarget       `json:"targets"`
	Templates        []snapTemplate     `json:"templates"`
	Runs             []snapRun          `json:"runs"`
	Findings         []snapFinding      `json:"findings"`
	Exclusions       []snapExclusion    `json:"exclusions"`
	Subscriptions    []snapSubscription `json:"subscriptions"`
	CrossAccountRole *snapRole          `json:"crossAccountRole"`
	Previews         []snapPreview      `json:"previews"`
}

type snapGroup struct {
	Arn       string             `json:"arn"`
	Tags      []ResourceGroupTag `json:"tags"`
	CreatedAt time.Time          `json:"createdAt"`
}

type snapTarget struct {
	Seq              uint64    `json:"seq"`
	Arn              string    `json:"arn"`
	Name             string    `json:"name"`
	ResourceGroupArn string    `json:"resourceGroupArn"`
	CreatedAt        time.Time `json:"createdAt"`
	UpdatedAt        time.Time `json:"updatedAt"`
}

type snapTemplate struct {
	Seq                       uint64      `json:"seq"`
	Arn                       string      `json:"arn"`
	Name                      string      `json:"name"`
	DurationInSeconds         int32       `json:"durationInSeconds"`
	RulesPackageArns          []string    `json:"rulesPackageArns"`
	UserAttributesForFindings []Attribute `json:"userAttributesForFindings"`
	CreatedAt                 time.Time   `json:"createdAt"`
	Tags                      []Tag       `json:"tags"`
}

type snapRun struct {
	Seq                       uint64                      `json:"seq"`
	Arn                       string                      `json:"arn"`
	Name                      string                      `json:"name"`
	State                     AssessmentRunState          `json:"state"`
	DurationInSeconds         int32                       `json:"durationInSeconds"`
	RulesPackageArns          []string                    `json:"rulesPackageArns"`
	UserAttributesForFindings []Attribute                 `json:"userAttributesForFindings"`
	CreatedAt                 time.Time                   `json:"createdAt"`
	StartedAt                 time.Time                   `json:"startedAt"`
	CompletedAt               time.Time                   `json:"completedAt"`
	StateChangedAt            time.Time                   `json:"stateChangedAt"`
	DataCollected             bool                        `json:"dataCollected"`
	StateChanges              []AssessmentRunStateChange  `json:"stateChanges"`
	Notifications             []AssessmentRunNotification `json:"notifications"`
	Agents                    []snapAgent                 `json:"agents"`
	// Evaluation is what the run found, until it is published.
	Evaluation *snapDraft `json:"evaluation"`
	// NextStepAt is when the run takes its next step; zero once it is over.
	NextStepAt time.Time `json:"nextStepAt"`
}

type snapAgent struct {
	AgentID          string      `json:"agentId"`
	AutoScalingGroup string      `json:"autoScalingGroup"`
	AgentHealth      AgentHealth `json:"agentHealth"`
	Packages         int         `json:"packages"`
}

type snapDraft struct {
	Findings   []snapDraftFinding `json:"findings"`
	Exclusions []ExclusionPreview `json:"exclusions"`
	Errors     bool               `json:"errors"`
}

type snapDraftFinding struct {
	RulesPackageArn  string  `json:"rulesPackageArn"`
	AgentID          string  `json:"agentId"`
	AutoScalingGroup string  `json:"autoScalingGroup"`
	Finding          Finding `json:"finding"`
}

type snapFinding struct {
	Seq              uint64  `json:"seq"`
	AgentID          string  `json:"agentId"`
	AutoScalingGroup string  `json:"autoScalingGroup"`
	Finding          Finding `json:"finding"`
}

type snapExclusion struct {
	Seq       uint64    `json:"seq"`
	Exclusion Exclusion `json:"exclusion"`
}

type snapSubscription struct {
	Seq                uint64              `json:"seq"`
	ResourceArn        string              `json:"resourceArn"`
	TopicArn           string              `json:"topicArn"`
	EventSubscriptions []EventSubscription `json:"eventSubscriptions"`
}

type snapRole struct {
	RoleArn      string    `json:"roleArn"`
	RegisteredAt time.Time `json:"registeredAt"`
}

type snapPreview struct {
	Token                 string             `json:"token"`
	AssessmentTemplateArn string             `json:"assessmentTemplateArn"`
	ReadyAt               time.Time          `json:"readyAt"`
	Exclusions            []ExclusionPreview `json:"exclusions"`
}

// Snapshot returns the whole state of the Service as JSON: for every
// account and region, its resource groups, assessment targets, templates
// (with their tags), runs (state histories, notifications, agents, the
// evaluation not yet published and when the next step is due), findings
// (with the attributes added to them), exclusions, event subscriptions,
// the registered cross-account role and the exclusions previews; the
// service-linked roles made, the instances registered with PutInstance,
// the sequence counter and the state of the id generator. The rules
// packages are fixed per region and the instances of Config.Instances
// belong to their source: neither is in it.
//
// It holds the Service's lock, so the snapshot is one consistent moment.
// It does not advance the runs: they take their due steps on the next call
// of their account and region, before and after a Restore alike.
func (s *Service) Snapshot() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rnd, err := s.src.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("classic: snapshot: %w", err)
	}
	out := snapshotV1{
		Version: snapshotVersion, Partition: s.partition, Rand: rnd, Seq: s.seq,
		ServiceLinkedRoles: []snapSLR{}, Instances: []snapInstances{}, Scopes: []snapScope{},
	}
	for _, a := range slices.Sorted(maps.Keys(s.slr)) {
		out.ServiceLinkedRoles = append(out.ServiceLinkedRoles, snapSLR{Account: a, CreatedAt: s.slr[a]})
	}
	for _, k := range sortedKeys(s.registered) {
		m := s.registered[k]
		if len(m) == 0 {
			continue
		}
		si := snapInstances{Region: k.region, Account: k.account, Instances: make([]Instance, 0, len(m))}
		for _, id := range slices.Sorted(maps.Keys(m)) {
			si.Instances = append(si.Instances, m[id])
		}
		out.Instances = append(out.Instances, si)
	}
	for _, k := range sortedKeys(s.scopes) {
		if sc := s.scopes[k]; !sc.empty() {
			out.Scopes = append(out.Scopes, sc.snapshot())
		}
	}
	return json.Marshal(out)
}

func sortedKeys[V any](m map[scopeKey]V) []scopeKey {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b scopeKey) int {
		return cmp.Or(cmp.Compare(a.region, b.region), cmp.Compare(a.account, b.account))
	})
	return keys
}

// empty reports whether a scope holds nothing (a call made it, or
// everything in it was deleted). Targets hold the templates, which hold
// the runs, subscriptions and previews.
func (sc *scope) empty() bool {
	return len(sc.groups) == 0 && len(sc.targets) == 0 && sc.role == nil
}

func (sc *scope) snapshot() snapScope {
	out := snapScope{
		Region: sc.region, Account: sc.account,
		ResourceGroups: make([]snapGroup, 0, len(sc.groups)), Targets: make([]snapTarget, 0, len(sc.targetList)),
		Templates: make([]snapTemplate, 0, len(sc.templateList)), Runs: make([]snapRun, 0, len(sc.runList)),
		Findings: make([]snapFinding, 0, len(sc.findingList)), Exclusions: make([]snapExclusion, 0, len(sc.excls)),
		Subscriptions: make([]snapSubscription, 0, len(sc.subs)), Previews: make([]snapPreview, 0, len(sc.preview)),
	}
	for _, a := range slices.Sorted(maps.Keys(sc.groups)) {
		g := sc.groups[a]
		out.ResourceGroups = append(out.ResourceGroups, snapGroup{Arn: g.arn, Tags: g.tags, CreatedAt: g.createdAt})
	}
	for _, t := range sc.targetList {
		st := snapTarget{Seq: t.seq, Arn: t.arn, Name: t.name, CreatedAt: t.createdAt, UpdatedAt: t.updatedAt}
		if t.group != nil {
			st.ResourceGroupArn = t.group.arn
		}
		out.Targets = append(out.Targets, st)
	}
	for _, t := range sc.templateList {
		out.Templates = append(out.Templates, snapTemplate{Seq: t.seq, Arn: t.arn, Name: t.name, DurationInSeconds: t.duration,
			RulesPackageArns: t.packages, UserAttributesForFindings: t.userAttrs, CreatedAt: t.createdAt, Tags: t.tags})
	}
	for _, r := range sc.runList {
		out.Runs = append(out.Runs, r.snapshot())
		for _, e := range r.exclusions {
			out.Exclusions = append(out.Exclusions, snapExclusion{Seq: e.seq, Exclusion: e.rec})
		}
	}
	slices.SortFunc(out.Exclusions, func(a, b snapExclusion) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, f := range sc.findingList {
		out.Findings = append(out.Findings, snapFinding{Seq: f.seq, AgentID: f.agentID, AutoScalingGroup: f.asg, Finding: f.rec})
	}
	for _, sub := range sc.subs {
		out.Subscriptions = append(out.Subscriptions, snapSubscription{Seq: sub.seq, ResourceArn: sub.resource, TopicArn: sub.topic,
			EventSubscriptions: sub.events})
	}
	if sc.role != nil {
		out.CrossAccountRole = &snapRole{RoleArn: sc.role.arn, RegisteredAt: sc.role.at}
	}
	for _, tok := range slices.Sorted(maps.Keys(sc.preview)) {
		p := sc.preview[tok]
		out.Previews = append(out.Previews, snapPreview{Token: tok, AssessmentTemplateArn: p.template.arn, ReadyAt: p.readyAt, Exclusions: p.items})
	}
	return out
}

func (r *run) snapshot() snapRun {
	out := snapRun{
		Seq: r.seq, Arn: r.arn, Name: r.name, State: r.state, DurationInSeconds: r.duration,
		RulesPackageArns: r.packages, UserAttributesForFindings: r.userAttrs,
		CreatedAt: r.createdAt, StartedAt: r.startedAt, CompletedAt: r.completedAt, StateChangedAt: r.changedAt,
		DataCollected: r.dataCollected, StateChanges: r.changes, Notifications: r.notes,
		Agents: make([]snapAgent, len(r.agents)), NextStepAt: r.next,
	}
	for i, a := range r.agents {
		out.Agents[i] = snapAgent{AgentID: a.id, AutoScalingGroup: a.asg, AgentHealth: a.health, Packages: a.packages}
	}
	if d := r.draft; d != nil {
		sd := &snapDraft{Findings: make([]snapDraftFinding, len(d.findings)), Exclusions: d.exclusions, Errors: d.errors}
		for i, f := range d.findings {
			sd.Findings[i] = snapDraftFinding{RulesPackageArn: r.packageArn(f.kind), AgentID: f.agentID, AutoScalingGroup: f.asg, Finding: f.rec}
		}
		out.Evaluation = sd
	}
	return out
}

// Restore replaces the state of the Service with a snapshot's. s must
// have been built by New with the Config the snapshot's Service had
// (Partition, Regions); the clock, the Authorizer, Identities, Instances,
// the advisory database and the limits are s's own. The snapshot is
// checked whole (version, partition, ARNs of the account, region and
// parent of each item, references, duplicate ARNs and sequence numbers,
// the values every call relies on) and built aside; on error, which wraps
// ErrInvalidSnapshot and names what is wrong, s is unchanged.
func (s *Service) Restore(data []byte) error {
	if err := checkVersion(data); err != nil {
		return err
	}
	var snap snapshotV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return invalidSnapshot("%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalidSnapshot("data after the snapshot")
	}
	b := &builder{s: s, seqs: map[uint64]string{}, max: snap.Seq}
	st, err := b.build(&snap)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.src, s.rng, s.seq = st.src, mrand.New(st.src), snap.Seq
	s.slr, s.registered, s.scopes = st.slr, st.registered, st.scopes
	return nil
}

// checkVersion reads the first member of a snapshot, which must be its
// version, and checks it, before the rest is decoded in that version's
// shape.
func checkVersion(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tok [3]json.Token
	for i := range tok {
		t, err := dec.Token()
		if err == io.EOF {
			return invalidSnapshot("unexpected end of the snapshot")
		}
		if err != nil {
			return invalidSnapshot("%v", err)
		}
		tok[i] = t
	}
	if tok[0] != json.Delim('{') || tok[1] != "version" {
		return invalidSnapshot("the snapshot is not an object that begins with its version")
	}
	if n, ok := tok[2].(json.Number); !ok || n.String() != strconv.Itoa(snapshotVersion) {
		return invalidSnapshot("version %v is not supported (want %d)", tok[2], snapshotVersion)
	}
	return nil
}

func invalidSnapshot(format string, args ...any) error {
	return fmt.Errorf("classic: restore: %w: %s", ErrInvalidSnapshot, fmt.Sprintf(format, args...))
}

// builder builds the state of a snapshot aside.
type builder struct {
	s    *Service
	seqs map[uint64]string // sequence number -> what has it
	max  uint64
}

type builtState struct {
	src        *mrand.ChaCha8
	slr        map[string]time.Time
	registered map[scopeKey]map[string]Instance
	scopes     map[scopeKey]*scope
}

func (b *builder) build(snap *snapshotV1) (*builtState, error) {
	s := b.s
	if snap.Partition != s.partition {
		return nil, invalidSnapshot("the snapshot is of partition %q, the service of %q", snap.Partition, s.partition)
	}
	st := &builtState{
		src: new(mrand.ChaCha8), slr: make(map[string]time.Time),
		registered: make(map[scopeKey]map[string]Instance), scopes: make(map[scopeKey]*scope),
	}
	if err := st.src.UnmarshalBinary(snap.Rand); err != nil {
		return nil, invalidSnapshot("rand: %v", err)
	}
	for _, r := range snap.ServiceLinkedRoles {
		if !isAccountID(r.Account) {
			return nil, invalidSnapshot("service-linked role: %q is not an account id", r.Account)
		}
		if _, dup := st.slr[r.Account]; dup {
			return nil, invalidSnapshot("service-linked role of account %s given twice", r.Account)
		}
		st.slr[r.Account] = r.CreatedAt
	}
	for _, g := range snap.Instances {
		k := scopeKey{g.Region, g.Account}
		if st.registered[k] != nil {
			return nil, invalidSnapshot("instances of account %q in region %q given twice", g.Account, g.Region)
		}
		m := make(map[string]Instance, len(g.Instances))
		for _, in := range g.Instances {
			if err := in.validate(); err != nil {
				return nil, invalidSnapshot("instances of account %q in region %q: %v", g.Account, g.Region, err)
			}
			if _, dup := m[in.InstanceID]; dup {
				return nil, invalidSnapshot("instance %s of account %q in region %q given twice", in.InstanceID, g.Account, g.Region)
			}
			m[in.InstanceID] = in
		}
		st.registered[k] = m
	}
	for i := range snap.Scopes {
		ss := &snap.Scopes[i]
		if !s.regions[ss.Region] {
			return nil, invalidSnapshot("region %q is not one of the service's", ss.Region)
		}
		if !isAccountID(ss.Account) {
			return nil, invalidSnapshot("%q is not an account id", ss.Account)
		}
		k := scopeKey{ss.Region, ss.Account}
		if st.scopes[k] != nil {
			return nil, invalidSnapshot("account %s in region %s given twice", ss.Account, ss.Region)
		}
		sc, err := b.scope(ss)
		if err != nil {
			return nil, invalidSnapshot("account %s in region %s: %v", ss.Account, ss.Region, err)
		}
		st.scopes[k] = sc
	}
	return st, nil
}

// seq checks a sequence number: given, at most the counter, and unique.
func (b *builder) seq(n uint64, what string) error {
	if n == 0 || n > b.max {
		return fmt.Errorf("%s: sequence number %d is not between 1 and %d", what, n, b.max)
	}
	if o, dup := b.seqs[n]; dup {
		return fmt.Errorf("%s: sequence number %d is %s's too", what, n, o)
	}
	b.seqs[n] = what
	return nil
}

// bySeq sorts a list by sequence number.
func bySeq[T any](items []T, seq func(*T) uint64) {
	slices.SortStableFunc(items, func(a, b T) int { return cmp.Compare(seq(&a), seq(&b)) })
}

// arn checks that an ARN is of a kind and of the scope.
func checkScopeARN(sc *scope, partition, a string, kind arnKind) error {
	p, ok := parseARN(a)
	if !ok || p.kind != kind {
		return fmt.Errorf("%q is not a valid %s ARN", a, kindInfo[kind].noun)
	}
	if p.partition != partition || p.region != sc.region || p.account != sc.account {
		return fmt.Errorf("%s %s is not of account %s in region %s", kindInfo[kind].noun, a, sc.account, sc.region)
	}
	return nil
}

// parentARN is the ARN a child ARN extends ("…/template/<id>" extends its
// target's); the ARN has been parsed.
func parentARN(a, seg string) string {
	return a[:strings.LastIndex(a, "/"+seg+"/")]
}

// packagesOf checks a list of rules package ARNs of a template or run and
// returns their kinds.
func packagesOf(region string, arns []string) ([]RulesPackageKind, error) {
	if len(arns) < 1 || len(arns) > 50 {
		return nil, fmt.Errorf("%d rules packages (want 1 to 50)", len(arns))
	}
	kinds := make([]RulesPackageKind, len(arns))
	for i, a := range arns {
		k, ok := rulesPackageKind(region, a)
		if !ok {
			return nil, fmt.Errorf("%q is not a rules package of region %s", a, region)
		}
		if slices.Contains(arns[:i], a) {
			return nil, fmt.Errorf("rules package %s given twice", a)
		}
		kinds[i] = k
	}
	return kinds, nil
}

func checkDuration(d int32) error {
	if d < minDuration || d > maxDuration {
		return fmt.Errorf("duration %d is not between %d and %d seconds", d, minDuration, maxDuration)
	}
	return nil
}

func checkUserAttrs(attrs []Attribute) error {
	return checkAttributes(attrs, 10, true, InvalidInputErrorCodeInvalidNumberOfUserAttributes,
		InvalidInputErrorCodeInvalidUserAttributeKey, InvalidInputErrorCodeInvalidUserAttributeValue, InvalidInputErrorCodeInvalidUserAttribute)
}

func (b *builder) scope(ss *snapScope) (*scope, error) {
	s := b.s
	sc := s.newScope(ss.Region, ss.Account)
	for _, g := range ss.ResourceGroups {
		if err := checkScopeARN(sc, s.partition, g.Arn, kindResourceGroup); err != nil {
			return nil, err
		}
		if sc.groups[g.Arn] != nil {
			return nil, fmt.Errorf("resource group %s given twice", g.Arn)
		}
		if len(g.Tags) < 1 || len(g.Tags) > 10 {
			return nil, fmt.Errorf("resource group %s has %d tags (want 1 to 10)", g.Arn, len(g.Tags))
		}
		sc.groups[g.Arn] = &resourceGroup{arn: g.Arn, tags: g.Tags, createdAt: g.CreatedAt}
	}
	sc.groupCount = len(sc.groups)

	bySeq(ss.Targets, func(t *snapTarget) uint64 { return t.Seq })
	for _, st := range ss.Targets {
		if err := checkScopeARN(sc, s.partition, st.Arn, kindTarget); err != nil {
			return nil, err
		}
		if sc.targets[st.Arn] != nil {
			return nil, fmt.Errorf("assessment target %s given twice", st.Arn)
		}
		if err := b.seq(st.Seq, "assessment target "+st.Arn); err != nil {
			return nil, err
		}
		if !validName(st.Name) {
			return nil, fmt.Errorf("assessment target %s: name %q is not 1 to 140 characters long", st.Arn, st.Name)
		}
		for _, o := range sc.targetList {
			if o.name == st.Name {
				return nil, fmt.Errorf("assessment targets %s and %s have the same name %q", o.arn, st.Arn, st.Name)
			}
		}
		t := &target{seq: st.Seq, arn: st.Arn, name: st.Name, createdAt: st.CreatedAt, updatedAt: st.UpdatedAt}
		if st.ResourceGroupArn != "" {
			if t.group = sc.groups[st.ResourceGroupArn]; t.group == nil {
				return nil, fmt.Errorf("assessment target %s: no resource group %s", st.Arn, st.ResourceGroupArn)
			}
		}
		sc.targets[t.arn] = t
		sc.targetList = append(sc.targetList, t)
	}

	bySeq(ss.Templates, func(t *snapTemplate) uint64 { return t.Seq })
	for _, st := range ss.Templates {
		if err := checkScopeARN(sc, s.partition, st.Arn, kindTemplate); err != nil {
			return nil, err
		}
		if sc.templates[st.Arn] != nil {
			return nil, fmt.Errorf("assessment template %s given twice", st.Arn)
		}
		what := "assessment template " + st.Arn
		if err := b.seq(st.Seq, what); err != nil {
			return nil, err
		}
		tg := sc.targets[parentARN(st.Arn, "template")]
		if tg == nil {
			return nil, fmt.Errorf("%s: no assessment target %s", what, parentARN(st.Arn, "template"))
		}
		if !validName(st.Name) {
			return nil, fmt.Errorf("%s: name %q is not 1 to 140 characters long", what, st.Name)
		}
		for _, o := range tg.templates {
			if o.name == st.Name {
				return nil, fmt.Errorf("assessment templates %s and %s have the same name %q", o.arn, st.Arn, st.Name)
			}
		}
		if err := checkDuration(st.DurationInSeconds); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		kinds, err := packagesOf(sc.region, st.RulesPackageArns)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if err := checkUserAttrs(st.UserAttributesForFindings); err != nil {
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		if len(st.Tags) > 10 {
			return nil, fmt.Errorf("%s: %d tags (want at most 10)", what, len(st.Tags))
		}
		t := &template{seq: st.Seq, arn: st.Arn, name: st.Name, target: tg, duration: st.DurationInSeconds,
			packages: st.RulesPackageArns, kinds: kinds, userAttrs: st.UserAttributesForFindings, createdAt: st.CreatedAt, tags: st.Tags}
		sc.templates[t.arn] = t
		sc.templateList = append(sc.templateList, t)
		tg.templates = append(tg.templates, t)
	}

	bySeq(ss.Runs, func(r *snapRun) uint64 { return r.Seq })
	for i := range ss.Runs {
		r, err := b.run(sc, &ss.Runs[i])
		if err != nil {
			return nil, err
		}
		sc.runs[r.arn] = r
		sc.runList = append(sc.runList, r)
		r.tmpl.runs = append(r.tmpl.runs, r)
		if !r.state.terminal() {
			sc.active = append(sc.active, r)
		}
	}

	bySeq(ss.Findings, func(f *snapFinding) uint64 { return f.Seq })
	for _, sf := range ss.Findings {
		a := sf.Finding.Arn
		if err := checkScopeARN(sc, s.partition, a, kindFinding); err != nil {
			return nil, err
		}
		if sc.findings[a] != nil {
			return nil, fmt.Errorf("finding %s given twice", a)
		}
		if err := b.seq(sf.Seq, "finding "+a); err != nil {
			return nil, err
		}
		r := sc.runs[parentARN(a, "finding")]
		if r == nil {
			return nil, fmt.Errorf("finding %s: no assessment run %s", a, parentARN(a, "finding"))
		}
		sa := sf.Finding.ServiceAttributes
		if sa == nil || sa.AssessmentRunArn != r.arn {
			return nil, fmt.Errorf("finding %s: its service attributes do not name its run", a)
		}
		i := slices.Index(r.packages, sa.RulesPackageArn)
		if i < 0 {
			return nil, fmt.Errorf("finding %s: rules package %q is not one of its run's", a, sa.RulesPackageArn)
		}
		f := &finding{seq: sf.Seq, run: r, kind: r.kinds[i], agentID: sf.AgentID, asg: sf.AutoScalingGroup, rec: sf.Finding}
		sc.findings[a] = f
		sc.findingList = append(sc.findingList, f)
		r.findings = append(r.findings, f)
		r.counts[severityIndex(f.rec.Severity)]++
	}

	bySeq(ss.Exclusions, func(e *snapExclusion) uint64 { return e.Seq })
	for _, se := range ss.Exclusions {
		a := se.Exclusion.Arn
		if err := checkScopeARN(sc, s.partition, a, kindExclusion); err != nil {
			return nil, err
		}
		if sc.excls[a] != nil {
			return nil, fmt.Errorf("exclusion %s given twice", a)
		}
		if err := b.seq(se.Seq, "exclusion "+a); err != nil {
			return nil, err
		}
		r := sc.runs[parentARN(a, "exclusion")]
		if r == nil {
			return nil, fmt.Errorf("exclusion %s: no assessment run %s", a, parentARN(a, "exclusion"))
		}
		e := &exclusion{seq: se.Seq, run: r, rec: se.Exclusion}
		sc.excls[a] = e
		r.exclusions = append(r.exclusions, e)
	}

	bySeq(ss.Subscriptions, func(x *snapSubscription) uint64 { return x.Seq })
	for _, x := range ss.Subscriptions {
		what := "subscription of " + x.TopicArn + " to " + x.ResourceArn
		if sc.templates[x.ResourceArn] == nil {
			return nil, fmt.Errorf("%s: no assessment template %s", what, x.ResourceArn)
		}
		if !validTopicArn(x.TopicArn) {
			return nil, fmt.Errorf("%s: %q is not an SNS topic ARN", what, x.TopicArn)
		}
		for _, o := range sc.subs {
			if o.resource == x.ResourceArn && o.topic == x.TopicArn {
				return nil, fmt.Errorf("%s given twice", what)
			}
		}
		if err := b.seq(x.Seq, what); err != nil {
			return nil, err
		}
		if len(x.EventSubscriptions) == 0 {
			return nil, fmt.Errorf("%s: no events", what)
		}
		for i, e := range x.EventSubscriptions {
			if !slices.Contains(e.Event.Values(), e.Event) {
				return nil, fmt.Errorf("%s: %q is not an event", what, e.Event)
			}
			if slices.ContainsFunc(x.EventSubscriptions[:i], func(o EventSubscription) bool { return o.Event == e.Event }) {
				return nil, fmt.Errorf("%s: event %s given twice", what, e.Event)
			}
		}
		sc.subs = append(sc.subs, &subscription{seq: x.Seq, resource: x.ResourceArn, topic: x.TopicArn, events: x.EventSubscriptions})
	}

	if ro := ss.CrossAccountRole; ro != nil {
		m := roleArnPattern.FindStringSubmatch(ro.RoleArn)
		if m == nil || len(ro.RoleArn) > 300 || !strings.HasPrefix(ro.RoleArn, "arn:"+s.partition+":") || m[1] != sc.account {
			return nil, fmt.Errorf("cross-account role: %q is not a role of account %s", ro.RoleArn, sc.account)
		}
		sc.role = &crossAccountRole{arn: ro.RoleArn, at: ro.RegisteredAt}
	}

	for _, p := range ss.Previews {
		if !uuidPattern.MatchString(p.Token) {
			return nil, fmt.Errorf("exclusions preview: %q is not a preview token", p.Token)
		}
		if sc.preview[p.Token] != nil {
			return nil, fmt.Errorf("exclusions preview %s given twice", p.Token)
		}
		t := sc.templates[p.AssessmentTemplateArn]
		if t == nil {
			return nil, fmt.Errorf("exclusions preview %s: no assessment template %s", p.Token, p.AssessmentTemplateArn)
		}
		for tok, o := range sc.preview {
			if o.template == t {
				return nil, fmt.Errorf("exclusions previews %s and %s are of the same assessment template", tok, p.Token)
			}
		}
		sc.preview[p.Token] = &preview{template: t, readyAt: p.ReadyAt, items: p.Exclusions}
	}
	return sc, nil
}

func (b *builder) run(sc *scope, sr *snapRun) (*run, error) {
	s := b.s
	if err := checkScopeARN(sc, s.partition, sr.Arn, kindRun); err != nil {
		return nil, err
	}
	what := "assessment run " + sr.Arn
	if sc.runs[sr.Arn] != nil {
		return nil, fmt.Errorf("%s given twice", what)
	}
	if err := b.seq(sr.Seq, what); err != nil {
		return nil, err
	}
	t := sc.templates[parentARN(sr.Arn, "run")]
	if t == nil {
		return nil, fmt.Errorf("%s: no assessment template %s", what, parentARN(sr.Arn, "run"))
	}
	if !validName(sr.Name) {
		return nil, fmt.Errorf("%s: name %q is not 1 to 140 characters long", what, sr.Name)
	}
	if t.hasRun(sr.Name) {
		return nil, fmt.Errorf("%s: another run of its template has the name %q", what, sr.Name)
	}
	if !slices.Contains(sr.State.Values(), sr.State) {
		return nil, fmt.Errorf("%s: %q is not a state", what, sr.State)
	}
	if err := checkDuration(sr.DurationInSeconds); err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	kinds, err := packagesOf(sc.region, sr.RulesPackageArns)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if err := checkUserAttrs(sr.UserAttributesForFindings); err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if len(sr.StateChanges) == 0 {
		return nil, fmt.Errorf("%s: no state changes", what)
	}
	for _, c := range sr.StateChanges {
		if !slices.Contains(c.State.Values(), c.State) {
			return nil, fmt.Errorf("%s: state change to %q, not a state", what, c.State)
		}
	}
	for _, n := range sr.Notifications {
		if !slices.Contains(n.Event.Values(), n.Event) {
			return nil, fmt.Errorf("%s: notification of %q, not an event", what, n.Event)
		}
	}
	if len(sr.Notifications) > maxNotifications {
		return nil, fmt.Errorf("%s: %d notifications (at most %d are kept)", what, len(sr.Notifications), maxNotifications)
	}
	if sr.State.terminal() != sr.NextStepAt.IsZero() {
		return nil, fmt.Errorf("%s: a run in state %s must have a next step time exactly when it is in progress", what, sr.State)
	}
	if sr.State.terminal() != (sr.Evaluation == nil) {
		return nil, fmt.Errorf("%s: a run in state %s must have an evaluation exactly when it is in progress", what, sr.State)
	}
	r := &run{
		seq: sr.Seq, arn: sr.Arn, name: sr.Name, tmpl: t, state: sr.State, duration: sr.DurationInSeconds,
		packages: sr.RulesPackageArns, kinds: kinds, userAttrs: sr.UserAttributesForFindings,
		createdAt: sr.CreatedAt, startedAt: sr.StartedAt, completedAt: sr.CompletedAt, changedAt: sr.StateChangedAt,
		dataCollected: sr.DataCollected, changes: sr.StateChanges, notes: sr.Notifications,
		agents: make([]runAgent, len(sr.Agents)), next: sr.NextStepAt,
	}
	for i, a := range sr.Agents {
		switch a.AgentHealth {
		case AgentHealthHealthy, AgentHealthUnhealthy, AgentHealthUnknown:
		default:
			return nil, fmt.Errorf("%s: agent %q: %q is not an agent health", what, a.AgentID, a.AgentHealth)
		}
		if a.AgentID == "" || slices.ContainsFunc(r.agents[:i], func(o runAgent) bool { return o.id == a.AgentID }) {
			return nil, fmt.Errorf("%s: agent id %q is empty or given twice", what, a.AgentID)
		}
		r.agents[i] = runAgent{id: a.AgentID, asg: a.AutoScalingGroup, health: a.AgentHealth, packages: a.Packages}
	}
	if sd := sr.Evaluation; sd != nil {
		d := &draft{agents: r.agents, findings: make([]draftFinding, len(sd.Findings)), exclusions: sd.Exclusions, errors: sd.Errors}
		for i, f := range sd.Findings {
			j := slices.Index(r.packages, f.RulesPackageArn)
			if j < 0 {
				return nil, fmt.Errorf("%s: evaluation: rules package %q is not one of the run's", what, f.RulesPackageArn)
			}
			d.findings[i] = draftFinding{kind: kinds[j], agentID: f.AgentID, asg: f.AutoScalingGroup, rec: f.Finding}
		}
		r.draft = d
	}
	return r, nil
}
