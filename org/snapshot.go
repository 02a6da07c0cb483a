package org

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// ErrInvalidSnapshot is wrapped by every error of Restore about the
// snapshot it is given.
var ErrInvalidSnapshot = errors.New("org: invalid snapshot")

const snapshotVersion = 1

// snapshotV1 is the JSON form of an Organization's state. Every list is
// sorted by its id (or ids), so that the same state gives the same bytes.
// The AWS managed policies are not in it: New installs them.
type snapshotV1 struct {
	Version int `json:"version"`
	// Rand is the id generator's ChaCha8 state (MarshalBinary).
	Rand []byte `json:"rand"`
	// Seq is the last order number given out; every order number below
	// is at most Seq.
	Seq           uint64          `json:"seq"`
	Accounts      []snapAccount   `json:"accounts"`
	Organizations []snapOrg       `json:"organizations"`
	Creates       []snapCreate    `json:"createAccountRequests"`
	Handshakes    []snapHandshake `json:"handshakes"`
}

type snapAccount struct {
	Id    string       `json:"id"`
	Email string       `json:"email,omitempty"`
	Name  string       `json:"name,omitempty"`
	State AccountState `json:"state"`
	// Created is when CreateAccount created it (the waiting period runs
	// from it).
	Created  time.Time `json:"created,omitzero"`
	CloseAt  time.Time `json:"closeAt,omitzero"`
	ClosedAt time.Time `json:"closedAt,omitzero"`
	// Closing: PENDING_CLOSURE, or CLOSED and not yet departed.
	Closing bool `json:"closing,omitempty"`

	Organization   string              `json:"organization,omitempty"`
	Parent         string              `json:"parent,omitempty"`
	JoinedMethod   AccountJoinedMethod `json:"joinedMethod,omitempty"`
	Joined         time.Time           `json:"joined,omitzero"`
	JoinSeq        uint64              `json:"joinSeq,omitempty"`
	PlaceSeq       uint64              `json:"placeSeq,omitempty"`
	DelegatedSeq   uint64              `json:"delegatedSeq,omitempty"`
	DelegatedSince time.Time           `json:"delegatedSince,omitzero"`
	Tags           []Tag               `json:"tags,omitempty"`
}

type snapOU struct {
	Id     string `json:"id"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"` // "" for the root
	Seq    uint64 `json:"seq"`
	Tags   []Tag  `json:"tags,omitempty"`
}

type snapPolicy struct {
	Id          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Type        PolicyType `json:"type"`
	Content     string     `json:"content"`
	Seq         uint64     `json:"seq"`
	Tags        []Tag      `json:"tags,omitempty"`
}

type snapAttachment struct {
	Policy string `json:"policy"`
	Target string `json:"target"`
	Seq    uint64 `json:"seq"`
}

type snapEnabled struct {
	Type PolicyType `json:"type"`
	Seq  uint64     `json:"seq"`
}

type snapService struct {
	ServicePrincipal string    `json:"servicePrincipal"`
	DateEnabled      time.Time `json:"dateEnabled"`
	Seq              uint64    `json:"seq"`
}

type snapDelegation struct {
	ServicePrincipal string    `json:"servicePrincipal"`
	Account          string    `json:"account"`
	Date             time.Time `json:"date"`
	Seq              uint64    `json:"seq"`
}

type snapOrg struct {
	Id                      string                 `json:"id"`
	FeatureSet              OrganizationFeatureSet `json:"featureSet"`
	Management              string                 `json:"management"`
	Root                    snapOU                 `json:"root"`
	OUs                     []snapOU               `json:"ous,omitempty"`
	Policies                []snapPolicy           `json:"policies,omitempty"`
	Attachments             []snapAttachment       `json:"attachments,omitempty"`
	EnabledPolicyTypes      []snapEnabled          `json:"enabledPolicyTypes,omitempty"`
	Services                []snapService          `json:"services,omitempty"`
	DelegatedAdministrators []snapDelegation       `json:"delegatedAdministrators,omitempty"`
}

type snapCreate struct {
	Id           string                     `json:"id"`
	Organization string                     `json:"organization"`
	AccountName  string                     `json:"accountName"`
	Email        string                     `json:"email"`
	RoleName     string                     `json:"roleName"`
	State        CreateAccountState         `json:"state"`
	Failure      CreateAccountFailureReason `json:"failureReason,omitempty"`
	Requested    time.Time                  `json:"requested"`
	Due          time.Time                  `json:"due"`
	Completed    time.Time                  `json:"completed,omitzero"`
	AccountId    string                     `json:"accountId,omitempty"`
	Seq          uint64                     `json:"seq"`
	Tags         []Tag                      `json:"tags,omitempty"`
}

type snapHandshake struct {
	Id string `json:"id"`
	// Organization is the inviting organization, which may have been
	// deleted since.
	Organization string              `json:"organization"`
	Management   string              `json:"management"`
	Target       HandshakeParty      `json:"target"`
	Resources    []HandshakeResource `json:"resources"`
	State        HandshakeState      `json:"state"`
	Requested    time.Time           `json:"requested"`
	Expires      time.Time           `json:"expires"`
	Closed       time.Time           `json:"closed,omitzero"`
	Seq          uint64              `json:"seq"`
	Tags         []Tag               `json:"tags,omitempty"`
}

// lockSettled locks the service once no claimed account creation is
// between its identity calls and its outcome, so that the state is one
// consistent moment. It does not advance the asynchronous work: what is
// due stays due, and is done by the next call, as it would have been.
func (o *Organization) lockSettled() {
	o.mu.Lock()
	for o.claimedLocked() {
		o.settled.Wait()
	}
}

func (o *Organization) claimedLocked() bool {
	for _, g := range o.orgs {
		if g.joining > 0 {
			return true
		}
	}
	return false
}

func tagsOrNil(m map[string]string) []Tag {
	if len(m) == 0 {
		return nil
	}
	return tagList(m)
}

// Snapshot returns the whole state of the Organizations service as JSON:
// every account it knows (standalone or member, with its state, closure
// timers, place, delegated administrator order and tags), every
// organization (root, OUs, customer managed policies, attachments,
// enabled policy types, trusted services, delegated administrators,
// tags), every CreateAccount request with its timers, every handshake
// (those of deleted organizations included), the order counter behind
// the NextTokens and the state of the id generator. It holds the
// service's lock, so the snapshot is one consistent moment; it waits for
// account creations whose identity calls are under way to finish, and
// does not advance the clock-driven work.
func (o *Organization) Snapshot() ([]byte, error) {
	o.lockSettled()
	defer o.mu.Unlock()
	rs, err := o.src.MarshalBinary()
	if err != nil {
		return nil, err
	}
	s := snapshotV1{Version: snapshotVersion, Rand: rs, Seq: o.seq,
		Accounts: []snapAccount{}, Organizations: []snapOrg{}, Creates: []snapCreate{}, Handshakes: []snapHandshake{}}
	for _, id := range slices.Sorted(maps.Keys(o.accounts)) {
		a := o.accounts[id]
		if a == nil {
			continue // reserved by a creation; lockSettled leaves none
		}
		sa := snapAccount{Id: a.id, Email: a.email, Name: a.name, State: a.state, Created: a.created, CloseAt: a.closeAt,
			ClosedAt: a.closedAt, DelegatedSeq: a.daSeq, DelegatedSince: a.daSince, Tags: tagsOrNil(a.tags)}
		_, sa.Closing = o.closing[a]
		if a.org != nil {
			sa.Organization, sa.Parent = a.org.id, a.parent.id
			sa.JoinedMethod, sa.Joined, sa.JoinSeq, sa.PlaceSeq = a.joinedMethod, a.joined, a.joinSeq, a.placeSeq
		}
		s.Accounts = append(s.Accounts, sa)
	}
	for _, id := range slices.Sorted(maps.Keys(o.orgs)) {
		s.Organizations = append(s.Organizations, snapOrgOf(o.orgs[id]))
	}
	for _, id := range slices.Sorted(maps.Keys(o.creates)) {
		r := o.creates[id]
		s.Creates = append(s.Creates, snapCreate{Id: r.id, Organization: r.org.id, AccountName: r.name, Email: r.email, RoleName: r.roleName,
			State: r.state, Failure: r.failure, Requested: r.requested, Due: r.due, Completed: r.completed, AccountId: r.accountID,
			Seq: r.seq, Tags: slices.Clone(r.tags)})
	}
	for _, id := range slices.Sorted(maps.Keys(o.handshakes)) {
		h := o.handshakes[id]
		s.Handshakes = append(s.Handshakes, snapHandshake{Id: h.id, Organization: h.org.id, Management: h.mgmt, Target: h.target,
			Resources: h.resources, State: h.state, Requested: h.requested, Expires: h.expires, Closed: h.closed, Seq: h.seq,
			Tags: slices.Clone(h.tags)})
	}
	return json.Marshal(s)
}

func snapOrgOf(g *orgState) snapOrg {
	s := snapOrg{Id: g.id, FeatureSet: g.featureSet, Management: g.mgmt.id,
		Root: snapOU{Id: g.root.id, Name: g.root.name, Seq: g.root.seq, Tags: tagsOrNil(g.root.tags)}}
	for _, id := range slices.Sorted(maps.Keys(g.ous)) {
		c := g.ous[id]
		s.OUs = append(s.OUs, snapOU{Id: c.id, Name: c.name, Parent: c.parent.id, Seq: c.seq, Tags: tagsOrNil(c.tags)})
	}
	for _, id := range slices.Sorted(maps.Keys(g.policies)) {
		p := g.policies[id]
		s.Policies = append(s.Policies, snapPolicy{Id: p.id, Name: p.name, Description: p.description, Type: p.typ,
			Content: p.content, Seq: p.seq, Tags: tagsOrNil(p.tags)})
	}
	for _, pid := range slices.Sorted(maps.Keys(g.attachments)) {
		for _, tid := range slices.Sorted(maps.Keys(g.attachments[pid])) {
			s.Attachments = append(s.Attachments, snapAttachment{Policy: pid, Target: tid, Seq: g.attachments[pid][tid]})
		}
	}
	for ti := range numTypes {
		if g.enabled[ti] {
			s.EnabledPolicyTypes = append(s.EnabledPolicyTypes, snapEnabled{Type: modeledTypes[ti], Seq: g.enabledSeq[ti]})
		}
	}
	for _, sp := range slices.Sorted(maps.Keys(g.services)) {
		v := g.services[sp]
		s.Services = append(s.Services, snapService{ServicePrincipal: sp, DateEnabled: v.date, Seq: v.seq})
	}
	for _, sp := range slices.Sorted(maps.Keys(g.das)) {
		for _, id := range slices.Sorted(maps.Keys(g.das[sp])) {
			d := g.das[sp][id]
			s.DelegatedAdministrators = append(s.DelegatedAdministrators, snapDelegation{ServicePrincipal: sp, Account: id, Date: d.date, Seq: d.seq})
		}
	}
	return s
}

// Restore replaces the state of o with a snapshot's. o must have been
// built by New with the Config the snapshot's Organization had
// (Partition, MaxAccounts); the clock, the Authorizer and the Identities
// are o's own. The snapshot is checked whole first (version, ids and their
// patterns, duplicates, references between accounts, organizations, OUs,
// policies, requests and handshakes, policy documents, quotas); on error
// o is unchanged and the error wraps ErrInvalidSnapshot.
func (o *Organization) Restore(data []byte) error {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSnapshot, err)
	}
	if head.Version == nil || *head.Version != snapshotVersion {
		v := "none"
		if head.Version != nil {
			v = fmt.Sprint(*head.Version)
		}
		return fmt.Errorf("%w: version %s, want %d", ErrInvalidSnapshot, v, snapshotVersion)
	}
	var s snapshotV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSnapshot, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: data after the snapshot", ErrInvalidSnapshot)
	}
	n, err := o.build(&s)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidSnapshot, err)
	}
	o.lockSettled()
	defer o.mu.Unlock()
	o.src, o.rng, o.seq = n.src, n.rng, n.seq
	o.accounts, o.emails, o.orgs = n.accounts, n.emails, n.orgs
	o.handshakes, o.creates, o.pending, o.closing = n.handshakes, n.creates, n.pending, n.closing
	o.recomputeDue()
	return nil
}

// restorer holds the state Restore builds aside.
type restorer struct {
	o       *Organization
	seq     uint64
	src     *rand.ChaCha8
	rng     *rand.Rand
	maxSeq  uint64
	seqs    map[uint64]string
	members map[*orgState][]*account

	accounts   map[string]*account
	emails     map[string]string
	orgs       map[string]*orgState
	handshakes map[string]*handshake
	creates    map[string]*createReq
	pending    map[*createReq]struct{}
	closing    map[*account]struct{}
}

// order records an order number: each is given out once.
func (b *restorer) order(seq uint64, what string) error {
	if seq == 0 {
		return fmt.Errorf("%s has no order number", what)
	}
	if other, dup := b.seqs[seq]; dup {
		return fmt.Errorf("%s and %s have the same order number %d", other, what, seq)
	}
	b.seqs[seq] = what
	b.maxSeq = max(b.maxSeq, seq)
	return nil
}

func restoreTags(ts []Tag, what string) (map[string]string, error) {
	if err := validNewTags(ts); err != nil {
		return nil, fmt.Errorf("tags of %s: %s", what, err.Message)
	}
	if !slices.IsSortedFunc(ts, func(a, b Tag) int { return strings.Compare(a.Key, b.Key) }) {
		return nil, fmt.Errorf("tags of %s are not sorted by key", what)
	}
	return tagMap(ts), nil
}

func sortedBy[T any](xs []T, key func(T) string, what string) error {
	for i := 1; i < len(xs); i++ {
		switch c := strings.Compare(key(xs[i-1]), key(xs[i])); {
		case c == 0:
			return fmt.Errorf("duplicate %s %s", what, key(xs[i]))
		case c > 0:
			return fmt.Errorf("%s are not sorted: %s before %s", what, key(xs[i-1]), key(xs[i]))
		}
	}
	return nil
}

func validStateOf[T ~string](v T, values []T, what string) error {
	if !slices.Contains(values, v) {
		return fmt.Errorf("%s: invalid value %q", what, v)
	}
	return nil
}

func (o *Organization) build(s *snapshotV1) (*restorer, error) {
	b := &restorer{o: o, seq: s.Seq, seqs: make(map[uint64]string), members: make(map[*orgState][]*account),
		accounts: make(map[string]*account), emails: make(map[string]string), orgs: make(map[string]*orgState),
		handshakes: make(map[string]*handshake), creates: make(map[string]*createReq),
		pending: make(map[*createReq]struct{}), closing: make(map[*account]struct{})}
	// The managed policies' order numbers are New's.
	for _, p := range o.managed {
		b.seqs[p.seq] = "AWS managed policy " + p.id
		b.maxSeq = max(b.maxSeq, p.seq)
	}
	b.src = new(rand.ChaCha8)
	if err := b.src.UnmarshalBinary(s.Rand); err != nil {
		return nil, fmt.Errorf("rand: %v", err)
	}
	b.rng = rand.New(b.src)
	if err := b.accountsFrom(s.Accounts); err != nil {
		return nil, err
	}
	if err := sortedBy(s.Organizations, func(g snapOrg) string { return g.Id }, "organizations"); err != nil {
		return nil, err
	}
	for i := range s.Organizations {
		if err := b.orgFrom(&s.Organizations[i]); err != nil {
			return nil, fmt.Errorf("organization %s: %v", s.Organizations[i].Id, err)
		}
	}
	if err := b.placeAccounts(s.Accounts); err != nil {
		return nil, err
	}
	for i := range s.Organizations {
		if err := b.relationsFrom(&s.Organizations[i]); err != nil {
			return nil, fmt.Errorf("organization %s: %v", s.Organizations[i].Id, err)
		}
	}
	if err := b.createsFrom(s.Creates); err != nil {
		return nil, err
	}
	if err := b.handshakesFrom(s.Handshakes); err != nil {
		return nil, err
	}
	if b.maxSeq > s.Seq {
		return nil, fmt.Errorf("order number %d (%s) is above seq %d", b.maxSeq, b.seqs[b.maxSeq], s.Seq)
	}
	for _, g := range b.orgs {
		if n := len(g.members) + g.inFlight; n > o.maxAccounts {
			return nil, fmt.Errorf("organization %s has %d accounts and creations, above the quota of %d", g.id, n, o.maxAccounts)
		}
	}
	return b, nil
}

func (b *restorer) accountsFrom(as []snapAccount) error {
	if err := sortedBy(as, func(a snapAccount) string { return a.Id }, "accounts"); err != nil {
		return err
	}
	for _, sa := range as {
		what := "account " + sa.Id
		if !isAccountID(sa.Id) {
			return fmt.Errorf("%s: not an account id", what)
		}
		if err := validStateOf(sa.State, sa.State.Values(), what+" state"); err != nil {
			return err
		}
		a := &account{id: sa.Id, email: sa.Email, name: sa.Name, state: sa.State, created: sa.Created,
			closeAt: sa.CloseAt, closedAt: sa.ClosedAt, daSeq: sa.DelegatedSeq, daSince: sa.DelegatedSince}
		if sa.Email != "" {
			k := strings.ToLower(sa.Email)
			if other, dup := b.emails[k]; dup {
				return fmt.Errorf("%s: email %s is also account %s's", what, sa.Email, other)
			}
			b.emails[k] = sa.Id
		}
		switch {
		case sa.Closing && sa.State != AccountStatePendingClosure && sa.State != AccountStateClosed:
			return fmt.Errorf("%s: closing in state %s", what, sa.State)
		case !sa.Closing && sa.State == AccountStatePendingClosure:
			return fmt.Errorf("%s: PENDING_CLOSURE but not closing", what)
		case sa.Closing:
			b.closing[a] = struct{}{}
		}
		if sa.Organization == "" {
			if sa.Parent != "" || sa.JoinedMethod != "" || !sa.Joined.IsZero() || sa.JoinSeq != 0 || sa.PlaceSeq != 0 || len(sa.Tags) > 0 {
				return fmt.Errorf("%s: standalone account with an organization's data", what)
			}
		}
		b.accounts[a.id] = a
	}
	return nil
}

func (b *restorer) orgFrom(sg *snapOrg) error {
	if rest, ok := strings.CutPrefix(sg.Id, "o-"); !ok || !lowerAlnum(rest, 10, 32) {
		return errors.New("not an organization id")
	}
	if err := validStateOf(sg.FeatureSet, sg.FeatureSet.Values(), "feature set"); err != nil {
		return err
	}
	mgmt := b.accounts[sg.Management]
	if mgmt == nil {
		return fmt.Errorf("management account %s is unknown", sg.Management)
	}
	g := &orgState{id: sg.Id, featureSet: sg.FeatureSet, mgmt: mgmt,
		ous:         make(map[string]*container),
		policies:    make(map[string]*policy),
		attachments: make(map[string]map[string]uint64),
		services:    make(map[string]*serviceAccess),
		das:         make(map[string]map[string]*delegation),
		daAccounts:  make(map[string]*account)}
	if !isRootID(sg.Root.Id) || sg.Root.Parent != "" {
		return fmt.Errorf("root %s: not a root id, or with a parent", sg.Root.Id)
	}
	rootTags, err := restoreTags(sg.Root.Tags, "root "+sg.Root.Id)
	if err != nil {
		return err
	}
	if err := validLength(sg.Root.Name, 1, 128); err != nil {
		return fmt.Errorf("root name: %s", err.Message)
	}
	g.root = &container{id: sg.Root.Id, name: sg.Root.Name, root: true, seq: sg.Root.Seq, tags: rootTags,
		path: []string{g.id + "/" + sg.Root.Id + "/"}}
	if err := b.order(sg.Root.Seq, "root "+sg.Root.Id); err != nil {
		return err
	}
	if err := sortedBy(sg.OUs, func(c snapOU) string { return c.Id }, "OUs"); err != nil {
		return err
	}
	if len(sg.OUs) > MaxOUs {
		return fmt.Errorf("%d OUs, above the limit of %d", len(sg.OUs), MaxOUs)
	}
	byID := make(map[string]*snapOU, len(sg.OUs))
	for i := range sg.OUs {
		byID[sg.OUs[i].Id] = &sg.OUs[i]
	}
	// Place each OU after its parent, following parents up from it.
	var place func(id string, depth int) (*container, error)
	place = func(id string, depth int) (*container, error) {
		if id == g.root.id {
			return g.root, nil
		}
		if c := g.ous[id]; c != nil {
			return c, nil
		}
		so := byID[id]
		if so == nil {
			return nil, fmt.Errorf("OU %s is unknown", id)
		}
		if depth > MaxOUDepth {
			return nil, fmt.Errorf("OU %s: parents form a cycle or nest deeper than %d", id, MaxOUDepth)
		}
		parent, err := place(so.Parent, depth+1)
		if err != nil {
			return nil, err
		}
		if !isOUID(so.Id) || !strings.HasPrefix(so.Id, "ou-"+g.root.id[2:]+"-") {
			return nil, fmt.Errorf("OU %s: not an OU id of root %s", so.Id, g.root.id)
		}
		if err := validLength(so.Name, 1, 128); err != nil {
			return nil, fmt.Errorf("OU %s name: %s", so.Id, err.Message)
		}
		tags, err := restoreTags(so.Tags, "OU "+so.Id)
		if err != nil {
			return nil, err
		}
		if parent.depth >= MaxOUDepth {
			return nil, fmt.Errorf("OU %s nests deeper than %d", so.Id, MaxOUDepth)
		}
		if err := b.order(so.Seq, "OU "+so.Id); err != nil {
			return nil, err
		}
		for _, sib := range parent.ous {
			if sib.name == so.Name {
				return nil, fmt.Errorf("OU %s: its parent has another OU named %q", so.Id, so.Name)
			}
		}
		c := &container{id: so.Id, name: so.Name, parent: parent, depth: parent.depth + 1, seq: so.Seq, tags: tags,
			path: []string{parent.path[0] + so.Id + "/"}}
		parent.ous = append(parent.ous, c)
		g.ous[c.id] = c
		return c, nil
	}
	for _, so := range sg.OUs {
		if _, err := place(so.Id, 1); err != nil {
			return err
		}
	}
	sortContainers(g.root)
	if err := sortedBy(sg.Policies, func(p snapPolicy) string { return p.Id }, "policies"); err != nil {
		return err
	}
	perType := [numTypes]int{}
	for _, sp := range sg.Policies {
		what := "policy " + sp.Id
		ti, ok := typeIndex(sp.Type)
		if !ok {
			return fmt.Errorf("%s: type %q is not modelled", what, sp.Type)
		}
		if !isPolicyID(sp.Id) || b.o.managed[sp.Id] != nil {
			return fmt.Errorf("%s: not a customer managed policy id", what)
		}
		if validLength(sp.Name, 1, 128) != nil || validLength(sp.Description, 0, 512) != nil {
			return fmt.Errorf("%s: name or description of the wrong length", what)
		}
		doc, perr := parsePolicy(ti, sp.Content)
		if perr != nil {
			return fmt.Errorf("%s: %s", what, perr.Message)
		}
		tags, err := restoreTags(sp.Tags, what)
		if err != nil {
			return err
		}
		if err := b.order(sp.Seq, what); err != nil {
			return err
		}
		if b.o.policyNameTaken(g, sp.Type, sp.Name, "") {
			return fmt.Errorf("%s: another %s is named %q", what, sp.Type, sp.Name)
		}
		if perType[ti]++; perType[ti] > MaxPoliciesPerType {
			return fmt.Errorf("more than %d policies of type %s", MaxPoliciesPerType, sp.Type)
		}
		g.policies[sp.Id] = &policy{id: sp.Id, name: sp.Name, description: sp.Description, typ: sp.Type, ti: ti,
			content: sp.Content, doc: doc, seq: sp.Seq, tags: tags}
	}
	if other := b.orgs[g.id]; other != nil {
		return errors.New("duplicate organization")
	}
	b.orgs[g.id] = g
	return nil
}

// sortContainers puts every container's OUs in order of creation.
func sortContainers(c *container) {
	slices.SortFunc(c.ous, func(a, b *container) int { return cmpSeq(a.seq, b.seq) })
	for _, ou := range c.ous {
		sortContainers(ou)
	}
}

// placeAccounts puts the member accounts in their organizations.
func (b *restorer) placeAccounts(as []snapAccount) error {
	for _, sa := range as {
		if sa.Organization == "" {
			continue
		}
		what := "account " + sa.Id
		a := b.accounts[sa.Id]
		g := b.orgs[sa.Organization]
		if g == nil {
			return fmt.Errorf("%s: organization %s is unknown", what, sa.Organization)
		}
		parent := g.container(sa.Parent)
		if parent == nil {
			return fmt.Errorf("%s: parent %s is not in organization %s", what, sa.Parent, g.id)
		}
		if err := validStateOf(sa.JoinedMethod, sa.JoinedMethod.Values(), what+" joined method"); err != nil {
			return err
		}
		if err := b.order(sa.JoinSeq, what+" (joined)"); err != nil {
			return err
		}
		if err := b.order(sa.PlaceSeq, what+" (placed)"); err != nil {
			return err
		}
		tags, err := restoreTags(sa.Tags, what)
		if err != nil {
			return err
		}
		a.org, a.parent, a.tags = g, parent, tags
		a.joinedMethod, a.joined, a.joinSeq, a.placeSeq = sa.JoinedMethod, sa.Joined, sa.JoinSeq, sa.PlaceSeq
		parent.accounts = append(parent.accounts, a)
		g.members = append(g.members, a)
	}
	for _, g := range b.orgs {
		if g.mgmt.org != g {
			return fmt.Errorf("organization %s: management account %s is not its member", g.id, g.mgmt.id)
		}
		slices.SortFunc(g.members, func(x, y *account) int { return cmpSeq(x.joinSeq, y.joinSeq) })
		sortAccounts(g.root)
	}
	return nil
}

func sortAccounts(c *container) {
	slices.SortFunc(c.accounts, func(a, b *account) int { return cmpSeq(a.placeSeq, b.placeSeq) })
	for _, ou := range c.ous {
		sortAccounts(ou)
	}
}

// relationsFrom restores what links an organization's entities:
// attachments, enabled types, trusted access and delegations.
func (b *restorer) relationsFrom(sg *snapOrg) error {
	g := b.orgs[sg.Id]
	for _, e := range sg.EnabledPolicyTypes {
		ti, ok := typeIndex(e.Type)
		if !ok || g.enabled[ti] {
			return fmt.Errorf("enabled policy type %q is unknown or repeated", e.Type)
		}
		if g.featureSet != OrganizationFeatureSetAll {
			return fmt.Errorf("policy type %s enabled without all features", e.Type)
		}
		if err := b.order(e.Seq, "enabling of "+string(e.Type)); err != nil {
			return err
		}
		g.enabled[ti], g.enabledSeq[ti] = true, e.Seq
	}
	if err := sortedBy(sg.Attachments, func(x snapAttachment) string { return x.Policy + " " + x.Target }, "attachments"); err != nil {
		return err
	}
	for _, at := range sg.Attachments {
		what := "attachment of " + at.Policy + " to " + at.Target
		p := b.o.policyLocked(g, at.Policy)
		if p == nil {
			return fmt.Errorf("%s: unknown policy", what)
		}
		t := b.target(g, at.Target)
		if t == nil {
			return fmt.Errorf("%s: unknown target", what)
		}
		if !g.enabled[p.ti] {
			return fmt.Errorf("%s: %s is not enabled", what, p.typ)
		}
		if len(t.attached[p.ti]) >= MaxAttachedPerType {
			return fmt.Errorf("%s: more than %d policies of the type", what, MaxAttachedPerType)
		}
		if err := b.order(at.Seq, what); err != nil {
			return err
		}
		t.attached[p.ti] = append(t.attached[p.ti], p)
		m := g.attachments[p.id]
		if m == nil {
			m = make(map[string]uint64)
			g.attachments[p.id] = m
		}
		m[at.Target] = at.Seq
	}
	sortAttached := func(id string, t *target) error {
		for ti := range numTypes {
			slices.SortFunc(t.attached[ti], func(x, y *policy) int {
				return cmpSeq(g.attachments[x.id][id], g.attachments[y.id][id])
			})
			if g.enabled[ti] && len(t.attached[ti]) == 0 {
				return fmt.Errorf("%s has no %s attached", id, modeledTypes[ti])
			}
		}
		return nil
	}
	if err := sortAttached(g.root.id, &g.root.target); err != nil {
		return err
	}
	for id, ou := range g.ous {
		if err := sortAttached(id, &ou.target); err != nil {
			return err
		}
	}
	for _, a := range g.members {
		if err := sortAttached(a.id, &a.target); err != nil {
			return err
		}
	}
	if err := sortedBy(sg.Services, func(x snapService) string { return x.ServicePrincipal }, "services"); err != nil {
		return err
	}
	for _, sv := range sg.Services {
		if trustedByPrincipal[sv.ServicePrincipal] == nil {
			return fmt.Errorf("trusted access for unknown service %s", sv.ServicePrincipal)
		}
		if g.featureSet != OrganizationFeatureSetAll {
			return errors.New("trusted access without all features")
		}
		if err := b.order(sv.Seq, "trusted access of "+sv.ServicePrincipal); err != nil {
			return err
		}
		g.services[sv.ServicePrincipal] = &serviceAccess{service: sv.ServicePrincipal, date: sv.DateEnabled, seq: sv.Seq}
	}
	if err := sortedBy(sg.DelegatedAdministrators, func(x snapDelegation) string { return x.ServicePrincipal + " " + x.Account }, "delegated administrators"); err != nil {
		return err
	}
	for _, sd := range sg.DelegatedAdministrators {
		what := "delegation of " + sd.ServicePrincipal + " to " + sd.Account
		svc := delegable(sd.ServicePrincipal)
		if svc == nil || g.services[sd.ServicePrincipal] == nil {
			return fmt.Errorf("%s: the service has no delegated administrators or no trusted access", what)
		}
		a := b.accounts[sd.Account]
		if a == nil || a.org != g || a == g.mgmt {
			return fmt.Errorf("%s: not a member account", what)
		}
		if len(g.das[sd.ServicePrincipal]) >= svc.MaxDelegatedAdministrators {
			return fmt.Errorf("%s: more than %d delegated administrators", what, svc.MaxDelegatedAdministrators)
		}
		if err := b.order(sd.Seq, what); err != nil {
			return err
		}
		d := &delegation{service: sd.ServicePrincipal, acct: a, date: sd.Date, seq: sd.Seq}
		if g.das[sd.ServicePrincipal] == nil {
			g.das[sd.ServicePrincipal] = make(map[string]*delegation)
		}
		g.das[sd.ServicePrincipal][a.id] = d
		if a.delegated == nil {
			a.delegated = make(map[string]*delegation)
		}
		a.delegated[sd.ServicePrincipal] = d
		g.daAccounts[a.id] = a
	}
	for _, a := range g.daAccounts {
		first := true
		for _, d := range a.delegated {
			first = first && d.seq >= a.daSeq
		}
		if a.daSeq == 0 || !first {
			return fmt.Errorf("account %s: delegated administrator order %d is not that of its first registration", a.id, a.daSeq)
		}
	}
	return nil
}

func (b *restorer) createsFrom(cs []snapCreate) error {
	if err := sortedBy(cs, func(c snapCreate) string { return c.Id }, "account creation requests"); err != nil {
		return err
	}
	for _, sc := range cs {
		what := "request " + sc.Id
		if validCreateAccountRequestID(sc.Id) != nil {
			return fmt.Errorf("%s: not a request id", what)
		}
		g := b.orgs[sc.Organization]
		if g == nil {
			return fmt.Errorf("%s: organization %s is unknown", what, sc.Organization)
		}
		if err := validStateOf(sc.State, sc.State.Values(), what+" state"); err != nil {
			return err
		}
		if sc.Failure != "" {
			if err := validStateOf(sc.Failure, sc.Failure.Values(), what+" failure reason"); err != nil {
				return err
			}
		}
		if validEmail(sc.Email) != nil || validAccountName(sc.AccountName) != nil || validRoleName(sc.RoleName) != nil {
			return fmt.Errorf("%s: invalid email, account name or role name", what)
		}
		if _, err := restoreTags(sc.Tags, what); err != nil {
			return err
		}
		switch sc.State {
		case CreateAccountStateInProgress:
			if sc.AccountId != "" || sc.Failure != "" || !sc.Completed.IsZero() {
				return fmt.Errorf("%s: IN_PROGRESS with an outcome", what)
			}
		case CreateAccountStateSucceeded:
			if b.accounts[sc.AccountId] == nil {
				return fmt.Errorf("%s: account %s is unknown", what, sc.AccountId)
			}
		case CreateAccountStateFailed:
			if sc.Failure == "" || sc.AccountId != "" {
				return fmt.Errorf("%s: FAILED without a reason, or with an account", what)
			}
		}
		if err := b.order(sc.Seq, what); err != nil {
			return err
		}
		r := &createReq{id: sc.Id, org: g, name: sc.AccountName, email: sc.Email, roleName: sc.RoleName, mgmt: g.mgmt.id,
			allFeatures: g.featureSet == OrganizationFeatureSetAll, state: sc.State, failure: sc.Failure,
			requested: sc.Requested, due: sc.Due, completed: sc.Completed, accountID: sc.AccountId, seq: sc.Seq, tags: slices.Clone(sc.Tags)}
		b.creates[r.id] = r
		g.creates = append(g.creates, r)
		if r.state == CreateAccountStateInProgress {
			b.pending[r] = struct{}{}
			g.inFlight++
		}
	}
	for _, g := range b.orgs {
		slices.SortFunc(g.creates, func(x, y *createReq) int { return cmpSeq(x.seq, y.seq) })
		if g.inFlight > MaxConcurrentCreateAccount {
			return fmt.Errorf("organization %s: %d creations in progress, above %d", g.id, g.inFlight, MaxConcurrentCreateAccount)
		}
	}
	return nil
}

func (b *restorer) handshakesFrom(hs []snapHandshake) error {
	if err := sortedBy(hs, func(h snapHandshake) string { return h.Id }, "handshakes"); err != nil {
		return err
	}
	dead := make(map[string]*orgState)
	for _, sh := range hs {
		what := "handshake " + sh.Id
		if validHandshakeID(sh.Id) != nil {
			return fmt.Errorf("%s: not a handshake id", what)
		}
		if !isAccountID(sh.Management) {
			return fmt.Errorf("%s: management account %q is not an account id", what, sh.Management)
		}
		g := b.orgs[sh.Organization]
		switch {
		case g != nil && g.mgmt.id != sh.Management:
			return fmt.Errorf("%s: management account %s is not organization %s's", what, sh.Management, g.id)
		case g == nil:
			// A deleted organization: only its id is left.
			if rest, ok := strings.CutPrefix(sh.Organization, "o-"); !ok || !lowerAlnum(rest, 10, 32) {
				return fmt.Errorf("%s: %q is not an organization id", what, sh.Organization)
			}
			if g = dead[sh.Organization]; g == nil {
				g = &orgState{id: sh.Organization}
				dead[g.id] = g
			}
		}
		if err := validStateOf(sh.State, []HandshakeState{HandshakeStateOpen, HandshakeStateAccepted, HandshakeStateDeclined, HandshakeStateCanceled}, what+" state"); err != nil {
			return err
		}
		if (sh.State == HandshakeStateOpen) != sh.Closed.IsZero() {
			return fmt.Errorf("%s: state %s with closing time %v", what, sh.State, sh.Closed)
		}
		switch sh.Target.Type {
		case HandshakePartyTypeAccount:
			if !isAccountID(sh.Target.Id) {
				return fmt.Errorf("%s: target %q is not an account id", what, sh.Target.Id)
			}
		case HandshakePartyTypeEmail:
			if !isEmail(sh.Target.Id) {
				return fmt.Errorf("%s: target %q is not an email address", what, sh.Target.Id)
			}
		default:
			return fmt.Errorf("%s: target type %q", what, sh.Target.Type)
		}
		if _, err := restoreTags(sh.Tags, what); err != nil {
			return err
		}
		if err := b.order(sh.Seq, what); err != nil {
			return err
		}
		h := &handshake{id: sh.Id, org: g, mgmt: sh.Management, target: sh.Target, resources: sh.Resources, state: sh.State,
			requested: sh.Requested, expires: sh.Expires, closed: sh.Closed, seq: sh.Seq, tags: slices.Clone(sh.Tags),
			arn: "arn:" + b.o.partition + ":organizations::" + sh.Management + ":handshake/" + g.id + "/invite/" + sh.Id}
		b.handshakes[h.id] = h
		if b.orgs[g.id] == g {
			g.handshakes = append(g.handshakes, h)
		}
	}
	for _, g := range b.orgs {
		slices.SortFunc(g.handshakes, func(x, y *handshake) int { return cmp.Compare(x.seq, y.seq) })
	}
	return nil
}

// target finds a root, OU or member account of the organization being
// restored.
func (b *restorer) target(g *orgState, id string) *target {
	if c := g.container(id); c != nil {
		return &c.target
	}
	if a := b.accounts[id]; a != nil && a.org == g {
		return &a.target
	}
	return nil
}
