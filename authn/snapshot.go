package authn

import (
	"bytes"
	"cmp"
	"container/heap"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// snapshotVersion is the version of the JSON layout Snapshot writes.
const snapshotVersion = 1

// snapshotV1 is the whole state of a Directory. Lists are sorted by a
// stable key (ids, names, ARNs) so that a snapshot is deterministic; lists
// whose order the Directory keeps (a user's access keys, groups and MFA
// devices, attached policies, policy versions, tags) keep it. Derived
// indexes (by lower-cased name, by key id, by unique id, the expiry heap)
// and caches are rebuilt by Restore.
type snapshotV1 struct {
	Version   int            `json:"version"`
	Partition string         `json:"partition"`
	Accounts  []snapAccount  `json:"accounts"`
	Sessions  []snapSession  `json:"sessions"`
	Instances []snapInstance `json:"instances"`
}

type snapAccount struct {
	ID             string          `json:"id"`
	Email          string          `json:"email"`
	Created        time.Time       `json:"created"`
	RootPassword   *snapHash       `json:"rootPassword,omitempty"`
	RootMFA        []string        `json:"rootMFA,omitempty"` // serial numbers, in order
	RootKeys       []snapKey       `json:"rootKeys,omitempty"`
	PasswordPolicy *PasswordPolicy `json:"passwordPolicy,omitempty"`
	STSRegions     []snapRegion    `json:"stsRegions,omitempty"`
	Alias          string          `json:"alias,omitempty"`
	Policies       []snapPolicy    `json:"policies"`
	Groups         []snapGroup     `json:"groups"`
	Users          []snapUser      `json:"users"`
	Roles          []snapRole      `json:"roles"`
	Profiles       []snapProfile   `json:"instanceProfiles"`
	MFADevices     []snapMFA       `json:"mfaDevices"`
	OIDC           []snapOIDC      `json:"oidcProviders"`
	SAML           []snapSAML      `json:"samlProviders"`
}

type snapRegion struct {
	Region string `json:"region"`
	Active bool   `json:"active"`
}

type snapHash struct {
	Salt       []byte `json:"salt"`
	Sum        []byte `json:"sum"`
	Iterations int    `json:"iterations"`
}

type snapKey struct {
	ID       string    `json:"id"`
	Secret   string    `json:"secret"`
	Active   bool      `json:"active"`
	Created  time.Time `json:"created"`
	LastUsed time.Time `json:"lastUsed"`
}

type snapInline struct {
	Name     string `json:"name"`
	Document string `json:"document"`
}

type snapLogin struct {
	Hash          snapHash   `json:"hash"`
	Previous      []snapHash `json:"previous,omitempty"`
	Created       time.Time  `json:"created"`
	ResetRequired bool       `json:"resetRequired"`
	LastUsed      time.Time  `json:"lastUsed"`
}

type snapUser struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Path     string       `json:"path"`
	Created  time.Time    `json:"created"`
	Tags     []Tag        `json:"tags,omitempty"`
	Boundary string       `json:"boundary,omitempty"`
	Login    *snapLogin   `json:"login,omitempty"`
	Keys     []snapKey    `json:"keys,omitempty"`
	Groups   []string     `json:"groups,omitempty"` // group ids, in order
	Attached []string     `json:"attached,omitempty"`
	Inline   []snapInline `json:"inline,omitempty"`
	MFA      []string     `json:"mfa,omitempty"` // serial numbers, in order
}

type snapGroup struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	Path     string       `json:"path"`
	Created  time.Time    `json:"created"`
	Attached []string     `json:"attached,omitempty"`
	Inline   []snapInline `json:"inline,omitempty"`
}

type snapRole struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Path        string    `json:"path"`
	Created     time.Time `json:"created"`
	Description string    `json:"description,omitempty"`
	TrustPolicy string    `json:"trustPolicy"`
	// TrustName is the name the trust policy was parsed under when it is
	// not the role's own name (UpdateAssumeRolePolicy names it as called).
	TrustName   string        `json:"trustName,omitempty"`
	MaxSession  time.Duration `json:"maxSessionNanos"`
	Boundary    string        `json:"boundary,omitempty"`
	Tags        []Tag         `json:"tags,omitempty"`
	Attached    []string      `json:"attached,omitempty"`
	Inline      []snapInline  `json:"inline,omitempty"`
	ServiceLink string        `json:"serviceLinkedTo,omitempty"`
	LastUsed    time.Time     `json:"lastUsed"`
}

type snapVersion struct {
	ID       string    `json:"id"`
	Document string    `json:"document"`
	Created  time.Time `json:"created"`
}

type snapPolicy struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Path        string        `json:"path"`
	Description string        `json:"description,omitempty"`
	Created     time.Time     `json:"created"`
	Updated     time.Time     `json:"updated"`
	Versions    []snapVersion `json:"versions"` // in creation order
	Default     string        `json:"defaultVersion"`
	Next        int           `json:"nextVersion"`
	Attachments int           `json:"attachments"`
	Tags        []Tag         `json:"tags,omitempty"`
}

type snapProfile struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Path    string    `json:"path"`
	Created time.Time `json:"created"`
	Role    string    `json:"role,omitempty"` // role id
	Tags    []Tag     `json:"tags,omitempty"`
}

type snapMFA struct {
	Serial  string    `json:"serial"`
	Seed    []byte    `json:"seed"`
	User    string    `json:"user,omitempty"` // user id
	Root    bool      `json:"root,omitempty"`
	Enabled time.Time `json:"enabled"`
	Last    int64     `json:"lastCounter"`
	Tags    []Tag     `json:"tags,omitempty"`
}

type snapJWK struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Alg string `json:"alg,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
}

type snapOIDC struct {
	ARN         string    `json:"arn"`
	URL         string    `json:"url"`
	ClientIDs   []string  `json:"clientIDs,omitempty"`
	Thumbprints []string  `json:"thumbprints,omitempty"`
	Created     time.Time `json:"created"`
	Tags        []Tag     `json:"tags,omitempty"`
	Keys        []snapJWK `json:"keys,omitempty"`
}

type snapSAML struct {
	ARN      string    `json:"arn"`
	Name     string    `json:"name"`
	EntityID string    `json:"entityID"`
	Metadata string    `json:"metadata"`
	Created  time.Time `json:"created"`
	Tags     []Tag     `json:"tags,omitempty"`
}

// snapPrincipal is an authz.Principal without its Environment (sessions
// never keep one).
type snapPrincipal struct {
	Type          authz.PrincipalType `json:"type"`
	ARN           string              `json:"arn,omitempty"`
	Account       string              `json:"account"`
	RoleARN       string              `json:"roleArn,omitempty"`
	ParentUserARN string              `json:"parentUserArn,omitempty"`
	UniqueID      string              `json:"uniqueID,omitempty"`
	UserID        string              `json:"userID,omitempty"`
	UserName      string              `json:"userName,omitempty"`
	Service       string              `json:"service,omitempty"`
	Provider      string              `json:"provider,omitempty"`
	CanonicalUser string              `json:"canonicalUser,omitempty"`
	ServiceLinked bool                `json:"serviceLinked,omitempty"`
	AccessKeyID   string              `json:"accessKeyID,omitempty"`
}

// snapNamedPolicy is one policy of a session's policy list, as it was
// when the session was issued.
type snapNamedPolicy struct {
	Name     string     `json:"name"`
	Kind     authz.Kind `json:"kind"`
	Document string     `json:"document"`
}

type snapSession struct {
	Kind           string            `json:"kind"`
	AccessKeyID    string            `json:"accessKeyID"`
	Secret         string            `json:"secret"`
	Token          string            `json:"token"`
	Principal      snapPrincipal     `json:"principal"`
	Parent         string            `json:"parent,omitempty"`
	Issued         time.Time         `json:"issued"`
	Expires        time.Time         `json:"expires"`
	MFA            bool              `json:"mfa,omitempty"`
	MFATime        time.Time         `json:"mfaTime"`
	SourceIdentity string            `json:"sourceIdentity,omitempty"`
	Tags           []Tag             `json:"tags,omitempty"`
	Transitive     []string          `json:"transitiveTagKeys,omitempty"`
	Policies       []snapNamedPolicy `json:"policies,omitempty"`
	Chained        bool              `json:"chained,omitempty"`
	Provider       string            `json:"provider,omitempty"`
	Instance       string            `json:"instance,omitempty"`
}

type snapToken struct {
	Token   string    `json:"token"`
	Expires time.Time `json:"expires"`
}

type snapInstance struct {
	ID          string      `json:"id"`
	Account     string      `json:"account"`
	Profile     string      `json:"profile,omitempty"`
	Tokens      []snapToken `json:"tokens,omitempty"`
	Credentials string      `json:"credentials,omitempty"` // access key id of the current session
}

var sessionKinds = map[sessionKind]string{
	kindRole:         "role",
	kindFederated:    "federated",
	kindSessionToken: "session-token",
}

// Snapshot returns the whole state of the Directory as JSON: every
// account with its root user (password hash, MFA devices, access keys),
// password policy and STS region settings; its users (login profiles with
// their password hashes and previous ones, access keys with status,
// creation and last use, groups, attached and inline policies, permissions
// boundaries, MFA devices, tags), groups, roles (service-linked ones
// included), instance profiles, customer managed policies with every
// version, the default and the attachment count, virtual MFA devices with
// their seeds and last accepted counters, OIDC providers with their keys
// and SAML providers; every STS session with its credentials, principal,
// tags and session policies, so that issued credentials keep working
// after [Directory.Restore]; and the EC2 instances with their IMDS tokens
// and current credentials.
//
// The Directory draws ids and secrets straight from Config.Rand and keeps
// no bytes of it, so the snapshot holds no generator state: whoever owns
// that reader snapshots it. Snapshot holds the Directory's lock, so the
// snapshot is one consistent moment.
func (d *Directory) Snapshot() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := snapshotV1{Version: snapshotVersion, Partition: d.partition}
	for _, id := range slices.Sorted(maps.Keys(d.accounts)) {
		s.Accounts = append(s.Accounts, d.snapAccount(d.accounts[id]))
	}
	for _, akid := range slices.Sorted(maps.Keys(d.sessions)) {
		ss, err := snapSessionOf(d.sessions[akid])
		if err != nil {
			return nil, err
		}
		s.Sessions = append(s.Sessions, ss)
	}
	for _, id := range slices.Sorted(maps.Keys(d.instances)) {
		inst := d.instances[id]
		si := snapInstance{ID: inst.id, Account: inst.account, Profile: inst.profile}
		for _, t := range slices.Sorted(maps.Keys(inst.tokens)) {
			si.Tokens = append(si.Tokens, snapToken{Token: t, Expires: inst.tokens[t]})
		}
		// Credentials no longer among the sessions are as good as none.
		if c := inst.creds; c != nil && d.sessions[c.akid] == c {
			si.Credentials = c.akid
		}
		s.Instances = append(s.Instances, si)
	}
	return json.Marshal(s)
}

func snapHashOf(h *passwordHash) snapHash {
	return snapHash{Salt: h.salt, Sum: h.sum, Iterations: h.iter}
}

func snapKeysOf(keys []*accessKey) []snapKey {
	var out []snapKey
	for _, k := range keys {
		sk := snapKey{ID: k.id, Secret: k.secret, Active: k.active, Created: k.created}
		if ns := k.lastUsed.Load(); ns != 0 {
			sk.LastUsed = time.Unix(0, ns).UTC()
		}
		out = append(out, sk)
	}
	return out
}

func snapInlineOf(m map[string]*inlinePolicy) []snapInline {
	var out []snapInline
	for _, name := range inlineNames(m) {
		out = append(out, snapInline{Name: name, Document: m[name].doc})
	}
	return out
}

func byID[T any](list []T, id func(T) string) []T {
	slices.SortFunc(list, func(x, y T) int { return strings.Compare(id(x), id(y)) })
	return list
}

func (d *Directory) snapAccount(acct *account) snapAccount {
	sa := snapAccount{
		ID: acct.id, Email: acct.email, Created: acct.created, Alias: acct.alias,
		RootMFA: slices.Clone(acct.root.mfa), RootKeys: snapKeysOf(acct.root.keys),
	}
	if acct.root.password != nil {
		h := snapHashOf(acct.root.password)
		sa.RootPassword = &h
	}
	if acct.passwordPolicy != nil {
		p := *acct.passwordPolicy
		sa.PasswordPolicy = &p
	}
	for _, r := range slices.Sorted(maps.Keys(acct.stsRegionActive)) {
		sa.STSRegions = append(sa.STSRegions, snapRegion{Region: r, Active: acct.stsRegionActive[r]})
	}
	for _, p := range acct.policies {
		sp := snapPolicy{
			ID: p.id, Name: p.name, Path: p.path, Description: p.description, Created: p.created, Updated: p.updated,
			Default: p.def.id, Next: p.next, Attachments: p.attachments, Tags: p.tags,
		}
		for _, v := range p.versions {
			sp.Versions = append(sp.Versions, snapVersion{ID: v.id, Document: v.doc, Created: v.created})
		}
		sa.Policies = append(sa.Policies, sp)
	}
	byID(sa.Policies, func(p snapPolicy) string { return p.ID })
	for _, g := range acct.groups {
		sa.Groups = append(sa.Groups, snapGroup{
			ID: g.id, Name: g.name, Path: g.path, Created: g.created,
			Attached: g.attached, Inline: snapInlineOf(g.inline),
		})
	}
	byID(sa.Groups, func(g snapGroup) string { return g.ID })
	for _, u := range acct.users {
		su := snapUser{
			ID: u.id, Name: u.name, Path: u.path, Created: u.created, Tags: u.tags, Boundary: u.boundary,
			Keys: snapKeysOf(u.keys), Attached: u.attached, Inline: snapInlineOf(u.inline), MFA: u.mfa,
		}
		if l := u.login; l != nil {
			sl := &snapLogin{Hash: snapHashOf(l.hash), Created: l.created, ResetRequired: l.resetRequired, LastUsed: l.lastUsed}
			for _, h := range l.previous {
				sl.Previous = append(sl.Previous, snapHashOf(h))
			}
			su.Login = sl
		}
		for _, g := range u.groups {
			su.Groups = append(su.Groups, g.id)
		}
		sa.Users = append(sa.Users, su)
	}
	byID(sa.Users, func(u snapUser) string { return u.ID })
	for _, r := range acct.roles {
		sr := snapRole{
			ID: r.id, Name: r.name, Path: r.path, Created: r.created, Description: r.description,
			TrustPolicy: r.trustDoc, MaxSession: r.maxSession, Boundary: r.boundary, Tags: r.tags,
			Attached: r.attached, Inline: snapInlineOf(r.inline), ServiceLink: r.service, LastUsed: r.lastUsed,
		}
		if ps := r.trust.Policies(); len(ps) == 1 && ps[0].Name != trustName(r.name) {
			sr.TrustName = strings.TrimPrefix(ps[0].Name, trustName(""))
		}
		sa.Roles = append(sa.Roles, sr)
	}
	byID(sa.Roles, func(r snapRole) string { return r.ID })
	for _, p := range acct.profiles {
		sp := snapProfile{ID: p.id, Name: p.name, Path: p.path, Created: p.created, Tags: p.tags}
		if p.role != nil {
			sp.Role = p.role.id
		}
		sa.Profiles = append(sa.Profiles, sp)
	}
	byID(sa.Profiles, func(p snapProfile) string { return p.ID })
	for _, m := range acct.mfa {
		sm := snapMFA{Serial: m.serial, Seed: m.seed, Root: m.root, Enabled: m.enabled, Last: m.last, Tags: m.tags}
		if m.user != nil {
			sm.User = m.user.id
		}
		sa.MFADevices = append(sa.MFADevices, sm)
	}
	byID(sa.MFADevices, func(m snapMFA) string { return m.Serial })
	for _, p := range acct.oidc {
		sa.OIDC = append(sa.OIDC, snapOIDC{
			ARN: p.arn, URL: p.url, ClientIDs: p.clients, Thumbprints: p.thumbprints,
			Created: p.created, Tags: p.tags, Keys: snapJWKsOf(p.keys),
		})
	}
	byID(sa.OIDC, func(p snapOIDC) string { return p.ARN })
	for _, p := range acct.saml {
		sa.SAML = append(sa.SAML, snapSAML{
			ARN: p.arn, Name: p.name, EntityID: p.entityID, Metadata: p.metadata, Created: p.created, Tags: p.tags,
		})
	}
	byID(sa.SAML, func(p snapSAML) string { return p.ARN })
	return sa
}

// trustName is the name parseTrust gives a role's trust policy.
func trustName(roleName string) string { return "trust policy of role " + roleName }

var b64u = base64.RawURLEncoding

// snapJWKsOf writes a key set as JWKs that ParseJWKS reads back to the
// same keys.
func snapJWKsOf(set *JWKS) []snapJWK {
	if set == nil {
		return nil
	}
	var out []snapJWK
	for _, k := range set.keys {
		j := snapJWK{Kid: k.kid, Alg: k.alg}
		switch pub := k.pub.(type) {
		case *rsa.PublicKey:
			n := pub.N.Bytes()
			if len(n) < 256 { // ParseJWKS wants at least 2,048 bits of encoding
				n = append(make([]byte, 256-len(n)), n...)
			}
			j.Kty, j.N, j.E = "RSA", b64u.EncodeToString(n), b64u.EncodeToString(big.NewInt(int64(pub.E)).Bytes())
		case *ecdsa.PublicKey:
			b, err := pub.Bytes()
			if err != nil || len(b) != 65 {
				continue
			}
			j.Kty, j.Crv, j.X, j.Y = "EC", "P-256", b64u.EncodeToString(b[1:33]), b64u.EncodeToString(b[33:])
		default:
			continue
		}
		out = append(out, j)
	}
	return out
}

func snapSessionOf(s *session) (snapSession, error) {
	kind, ok := sessionKinds[s.kind]
	if !ok {
		return snapSession{}, fmt.Errorf("authn: snapshot: session %s has unknown kind %d", s.akid, s.kind)
	}
	p := s.principal
	ss := snapSession{
		Kind: kind, AccessKeyID: s.akid, Secret: s.secret, Token: s.token,
		Principal: snapPrincipal{
			Type: p.Type, ARN: p.ARN, Account: p.Account, RoleARN: p.RoleARN, ParentUserARN: p.ParentUserARN,
			UniqueID: p.UniqueID, UserID: p.UserID, UserName: p.UserName, Service: p.Service, Provider: p.Provider,
			CanonicalUser: p.CanonicalUser, ServiceLinked: p.ServiceLinked, AccessKeyID: p.AccessKeyID,
		},
		Parent: s.parent, Issued: s.issued, Expires: s.expires, MFA: s.mfa, MFATime: s.mfaTime,
		SourceIdentity: s.sourceIdentity, Tags: s.tags, Transitive: s.transitive, Chained: s.chained,
		Provider: s.provider, Instance: s.instance,
	}
	for _, n := range s.policies.Policies() {
		ss.Policies = append(ss.Policies, snapNamedPolicy{Name: n.Name, Kind: n.Policy.Kind(), Document: n.Policy.String()})
	}
	return ss, nil
}

// Restore replaces the state of the Directory with a snapshot's. d must
// have been built by New with the Config the snapshot's Directory had (the
// same Partition); the clock, the id source, the Authorizer and the
// password hash cost are d's own. Restore checks what it reads: an unknown
// version, a partition other than d's, malformed JSON, duplicate ids or
// names, references to entities that are not there, ARNs of the wrong
// form and policy documents that do not parse are errors that say what is
// wrong. On error d is unchanged.
func (d *Directory) Restore(data []byte) error {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("authn: restore: %w", err)
	}
	if head.Version == nil {
		return errors.New("authn: restore: the snapshot has no version")
	}
	if *head.Version != snapshotVersion {
		return fmt.Errorf("authn: restore: snapshot version %d is not supported (want %d)", *head.Version, snapshotVersion)
	}
	var s snapshotV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("authn: restore: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("authn: restore: data after the snapshot")
	}
	if s.Partition != d.partition {
		return fmt.Errorf("authn: restore: the snapshot is of partition %q, the directory of %q", s.Partition, d.partition)
	}
	st, err := d.build(&s)
	if err != nil {
		return fmt.Errorf("authn: restore: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.accounts, d.keys, d.sessions, d.expiring = st.accounts, st.keys, st.sessions, st.expiring
	d.byUnique, d.instances = st.byUnique, st.instances
	d.changed()
	return nil
}

// restored is a Directory's state built aside from a snapshot.
type restored struct {
	accounts  map[string]*account
	keys      map[string]*accessKey
	sessions  map[string]*session
	expiring  sessionHeap
	byUnique  map[string]any
	instances map[string]*instance
}

func (d *Directory) build(s *snapshotV1) (*restored, error) {
	st := &restored{
		accounts: make(map[string]*account), keys: make(map[string]*accessKey), sessions: make(map[string]*session),
		byUnique: make(map[string]any), instances: make(map[string]*instance),
	}
	for i := range s.Accounts {
		if err := d.buildAccount(st, &s.Accounts[i]); err != nil {
			return nil, err
		}
	}
	for i := range s.Sessions {
		if err := d.buildSession(st, &s.Sessions[i]); err != nil {
			return nil, err
		}
	}
	for _, s := range st.sessions {
		st.expiring = append(st.expiring, s)
	}
	// A sorted slice is a heap.
	slices.SortFunc(st.expiring, func(x, y *session) int {
		return cmp.Or(x.expires.Compare(y.expires), strings.Compare(x.akid, y.akid))
	})
	for i, s := range st.expiring {
		s.heapIndex = i
	}
	heap.Init(&st.expiring)
	for _, si := range s.Instances {
		if err := buildInstance(st, si); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func buildHash(h snapHash, what string) (*passwordHash, error) {
	if len(h.Sum) == 0 || h.Iterations < 1 {
		return nil, fmt.Errorf("%s: a password hash needs a sum and at least one iteration", what)
	}
	return &passwordHash{salt: slices.Clone(h.Salt), sum: slices.Clone(h.Sum), iter: h.Iterations}, nil
}

func buildKeys(st *restored, acct *account, u *user, list []snapKey) ([]*accessKey, error) {
	var out []*accessKey
	for _, sk := range list {
		if sk.ID == "" || sk.Secret == "" {
			return nil, fmt.Errorf("account %s: an access key needs an id and a secret", acct.id)
		}
		if _, dup := st.keys[sk.ID]; dup {
			return nil, fmt.Errorf("duplicate access key id %s", sk.ID)
		}
		k := &accessKey{id: sk.ID, secret: sk.Secret, acct: acct, user: u, active: sk.Active, created: sk.Created}
		if !sk.LastUsed.IsZero() {
			k.lastUsed.Store(sk.LastUsed.UnixNano())
		}
		st.keys[sk.ID] = k
		out = append(out, k)
	}
	return out, nil
}

func buildInline(list []snapInline, what string) (map[string]*inlinePolicy, error) {
	m := make(map[string]*inlinePolicy, len(list))
	for _, sp := range list {
		if sp.Name == "" {
			return nil, fmt.Errorf("%s: an inline policy without a name", what)
		}
		if _, dup := m[sp.Name]; dup {
			return nil, fmt.Errorf("%s: duplicate inline policy %s", what, sp.Name)
		}
		parsed, err := parseIdentity(sp.Document)
		if err != nil {
			return nil, fmt.Errorf("%s: inline policy %s: %w", what, sp.Name, err)
		}
		m[sp.Name] = &inlinePolicy{name: sp.Name, doc: sp.Document, parsed: parsed, size: policySize(sp.Document)}
	}
	return m, nil
}

// checkAttached checks that every ARN of an attached list (or a boundary)
// names a managed policy the account can attach, once.
func (d *Directory) checkAttached(acct *account, list []string, what string) error {
	for i, a := range list {
		if _, ok := d.resolvePolicy(acct, a); !ok {
			return fmt.Errorf("%s: managed policy %s does not exist", what, a)
		}
		if slices.Contains(list[:i], a) {
			return fmt.Errorf("%s: managed policy %s attached twice", what, a)
		}
	}
	return nil
}

func checkEntity(id, name, path, prefix, what string) error {
	if !strings.HasPrefix(id, prefix) || len(id) <= len(prefix) {
		return fmt.Errorf("%s %q: id %q does not begin with %s", what, name, id, prefix)
	}
	if name == "" || strings.Contains(name, "/") {
		return fmt.Errorf("%s %s: bad name %q", what, id, name)
	}
	if !strings.HasPrefix(path, "/") || !strings.HasSuffix(path, "/") {
		return fmt.Errorf("%s %s: bad path %q", what, id, path)
	}
	return nil
}

func (d *Directory) buildAccount(st *restored, sa *snapAccount) error {
	if !isAccountID(sa.ID) {
		return fmt.Errorf("account id %q is not 12 digits", sa.ID)
	}
	if _, dup := st.accounts[sa.ID]; dup {
		return fmt.Errorf("duplicate account %s", sa.ID)
	}
	acct := &account{
		id: sa.ID, email: sa.Email, created: sa.Created,
		users: make(map[string]*user), groups: make(map[string]*group), roles: make(map[string]*role),
		policies: make(map[string]*managedPolicy), profiles: make(map[string]*instanceProfile),
		mfa: make(map[string]*mfaDevice), oidc: make(map[string]*oidcProvider), saml: make(map[string]*samlProvider),
	}
	what := "account " + acct.id
	if sa.Alias != "" {
		if err := checkAccountAlias(sa.Alias); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for _, other := range st.accounts {
			if other.alias == sa.Alias {
				return fmt.Errorf("%s: alias %s is also account %s's", what, sa.Alias, other.id)
			}
		}
		acct.alias = sa.Alias
	}
	st.accounts[acct.id] = acct
	if sa.RootPassword != nil {
		h, err := buildHash(*sa.RootPassword, what+" root user")
		if err != nil {
			return err
		}
		acct.root.password = h
	}
	keys, err := buildKeys(st, acct, nil, sa.RootKeys)
	if err != nil {
		return err
	}
	acct.root.keys = keys
	if sa.PasswordPolicy != nil {
		p := *sa.PasswordPolicy
		acct.passwordPolicy = &p
	}
	for _, r := range sa.STSRegions {
		if acct.stsRegionActive == nil {
			acct.stsRegionActive = make(map[string]bool)
		}
		if _, dup := acct.stsRegionActive[r.Region]; dup {
			return fmt.Errorf("%s: region %s set twice", what, r.Region)
		}
		acct.stsRegionActive[r.Region] = r.Active
	}
	unique := func(id string, e any) error {
		if _, dup := st.byUnique[id]; dup {
			return fmt.Errorf("duplicate unique id %s", id)
		}
		st.byUnique[id] = e
		return nil
	}
	policyIDs := make(map[string]bool)
	for _, sp := range sa.Policies {
		if err := d.buildPolicy(acct, sp, policyIDs); err != nil {
			return err
		}
	}
	for _, sg := range sa.Groups {
		if err := checkEntity(sg.ID, sg.Name, sg.Path, PrefixGroup, what+" group"); err != nil {
			return err
		}
		if _, dup := acct.groups[lower(sg.Name)]; dup {
			return fmt.Errorf("%s: duplicate group name %s", what, sg.Name)
		}
		g := &group{acct: acct, name: sg.Name, path: sg.Path, id: sg.ID, created: sg.Created, attached: slices.Clone(sg.Attached)}
		w := what + " group " + sg.Name
		if err := d.checkAttached(acct, g.attached, w); err != nil {
			return err
		}
		if g.inline, err = buildInline(sg.Inline, w); err != nil {
			return err
		}
		if err := unique(g.id, g); err != nil {
			return err
		}
		acct.groups[lower(g.name)] = g
	}
	for _, su := range sa.Users {
		if err := d.buildUser(st, acct, su, unique); err != nil {
			return err
		}
	}
	for _, sr := range sa.Roles {
		if err := d.buildRole(acct, sr, unique); err != nil {
			return err
		}
	}
	if err := d.checkAttachments(acct); err != nil {
		return err
	}
	for _, sp := range sa.Profiles {
		if err := checkEntity(sp.ID, sp.Name, sp.Path, PrefixInstanceProfile, what+" instance profile"); err != nil {
			return err
		}
		if _, dup := acct.profiles[lower(sp.Name)]; dup {
			return fmt.Errorf("%s: duplicate instance profile name %s", what, sp.Name)
		}
		if policyIDs[sp.ID] || st.byUnique[sp.ID] != nil {
			return fmt.Errorf("duplicate unique id %s", sp.ID)
		}
		policyIDs[sp.ID] = true
		p := &instanceProfile{acct: acct, name: sp.Name, path: sp.Path, id: sp.ID, created: sp.Created, tags: slices.Clone(sp.Tags)}
		if sp.Role != "" {
			r, ok := st.byUnique[sp.Role].(*role)
			if !ok || r.acct != acct {
				return fmt.Errorf("%s: instance profile %s holds role %s, which is not a role of the account", what, sp.Name, sp.Role)
			}
			p.role = r
			r.profiles = append(r.profiles, p)
		}
		acct.profiles[lower(p.name)] = p
	}
	if err := d.buildMFA(st, acct, sa); err != nil {
		return err
	}
	for _, so := range sa.OIDC {
		if err := d.buildOIDC(acct, so); err != nil {
			return err
		}
	}
	for _, ss := range sa.SAML {
		if ss.ARN != d.arn("iam", acct.id, "saml-provider/"+ss.Name) || ss.Name == "" {
			return fmt.Errorf("%s: SAML provider ARN %s does not match its name %q", what, ss.ARN, ss.Name)
		}
		if _, dup := acct.saml[ss.ARN]; dup {
			return fmt.Errorf("%s: duplicate SAML provider %s", what, ss.ARN)
		}
		acct.saml[ss.ARN] = &samlProvider{
			arn: ss.ARN, name: ss.Name, entityID: ss.EntityID, metadata: ss.Metadata, created: ss.Created, tags: slices.Clone(ss.Tags),
		}
	}
	return nil
}

func (d *Directory) buildPolicy(acct *account, sp snapPolicy, ids map[string]bool) error {
	what := "account " + acct.id + " policy " + sp.Name
	if err := checkEntity(sp.ID, sp.Name, sp.Path, PrefixManagedPolicy, "account "+acct.id+" policy"); err != nil {
		return err
	}
	if ids[sp.ID] {
		return fmt.Errorf("duplicate unique id %s", sp.ID)
	}
	ids[sp.ID] = true
	if _, dup := acct.policies[lower(sp.Name)]; dup {
		return fmt.Errorf("account %s: duplicate policy name %s", acct.id, sp.Name)
	}
	if len(sp.Versions) == 0 || len(sp.Versions) > MaxPolicyVersions {
		return fmt.Errorf("%s: %d versions, want 1 to %d", what, len(sp.Versions), MaxPolicyVersions)
	}
	if sp.Attachments < 0 {
		return fmt.Errorf("%s: negative attachment count", what)
	}
	p := &managedPolicy{
		acct: acct, name: sp.Name, path: sp.Path, id: sp.ID, description: sp.Description,
		created: sp.Created, updated: sp.Updated, next: sp.Next, attachments: sp.Attachments, tags: slices.Clone(sp.Tags),
	}
	for _, sv := range sp.Versions {
		n, ok := versionNumber(sv.ID)
		if !ok || n >= sp.Next {
			return fmt.Errorf("%s: version id %q is not v1 to v%d", what, sv.ID, sp.Next-1)
		}
		if slices.ContainsFunc(p.versions, func(v *policyVersion) bool { return v.id == sv.ID }) {
			return fmt.Errorf("%s: duplicate version %s", what, sv.ID)
		}
		parsed, err := parseIdentity(sv.Document)
		if err != nil {
			return fmt.Errorf("%s version %s: %w", what, sv.ID, err)
		}
		v := &policyVersion{id: sv.ID, doc: sv.Document, parsed: parsed, created: sv.Created}
		p.versions = append(p.versions, v)
		if v.id == sp.Default {
			p.def = v
		}
	}
	if p.def == nil {
		return fmt.Errorf("%s: default version %q is not one of its versions", what, sp.Default)
	}
	acct.policies[lower(p.name)] = p
	return nil
}

// versionNumber returns n of a version id "vN".
func versionNumber(id string) (int, bool) {
	if checkVersionID(id) != nil || len(id) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range id[1:] {
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (d *Directory) buildUser(st *restored, acct *account, su snapUser, unique func(string, any) error) error {
	what := "account " + acct.id + " user"
	if err := checkEntity(su.ID, su.Name, su.Path, PrefixUser, what); err != nil {
		return err
	}
	what += " " + su.Name
	if _, dup := acct.users[lower(su.Name)]; dup {
		return fmt.Errorf("account %s: duplicate user name %s", acct.id, su.Name)
	}
	u := &user{
		acct: acct, name: su.Name, path: su.Path, id: su.ID, created: su.Created, tags: slices.Clone(su.Tags),
		boundary: su.Boundary, attached: slices.Clone(su.Attached), mfa: slices.Clone(su.MFA),
	}
	if u.boundary != "" {
		if err := d.checkAttached(acct, []string{u.boundary}, what+" boundary"); err != nil {
			return err
		}
	}
	if err := d.checkAttached(acct, u.attached, what); err != nil {
		return err
	}
	var err error
	if u.inline, err = buildInline(su.Inline, what); err != nil {
		return err
	}
	if su.Login != nil {
		l := &loginProfile{created: su.Login.Created, resetRequired: su.Login.ResetRequired, lastUsed: su.Login.LastUsed}
		if l.hash, err = buildHash(su.Login.Hash, what); err != nil {
			return err
		}
		for _, sh := range su.Login.Previous {
			h, err := buildHash(sh, what)
			if err != nil {
				return err
			}
			l.previous = append(l.previous, h)
		}
		u.login = l
	}
	if u.keys, err = buildKeys(st, acct, u, su.Keys); err != nil {
		return err
	}
	if len(u.keys) > MaxAccessKeysPerUser {
		return fmt.Errorf("%s: %d access keys, at most %d", what, len(u.keys), MaxAccessKeysPerUser)
	}
	for _, gid := range su.Groups {
		g, ok := st.byUnique[gid].(*group)
		if !ok || g.acct != acct {
			return fmt.Errorf("%s: group %s is not a group of the account", what, gid)
		}
		if slices.Contains(u.groups, g) {
			return fmt.Errorf("%s: in group %s twice", what, g.name)
		}
		u.groups = append(u.groups, g)
		g.members = append(g.members, u)
	}
	if err := unique(u.id, u); err != nil {
		return err
	}
	acct.users[lower(u.name)] = u
	return nil
}

func (d *Directory) buildRole(acct *account, sr snapRole, unique func(string, any) error) error {
	what := "account " + acct.id + " role"
	if err := checkEntity(sr.ID, sr.Name, sr.Path, PrefixRole, what); err != nil {
		return err
	}
	what += " " + sr.Name
	if _, dup := acct.roles[lower(sr.Name)]; dup {
		return fmt.Errorf("account %s: duplicate role name %s", acct.id, sr.Name)
	}
	if sr.MaxSession < time.Hour || sr.MaxSession > MaxRoleSessionDuration {
		return fmt.Errorf("%s: maximum session duration %v is not 1 to 12 hours", what, sr.MaxSession)
	}
	tn := sr.Name
	if sr.TrustName != "" {
		tn = sr.TrustName
	}
	trust, err := parseTrust(tn, sr.TrustPolicy)
	if err != nil {
		return fmt.Errorf("%s: trust policy: %w", what, err)
	}
	r := &role{
		acct: acct, name: sr.Name, path: sr.Path, id: sr.ID, created: sr.Created, description: sr.Description,
		trustDoc: sr.TrustPolicy, trust: trust, maxSession: sr.MaxSession, boundary: sr.Boundary,
		tags: slices.Clone(sr.Tags), attached: slices.Clone(sr.Attached), service: sr.ServiceLink, lastUsed: sr.LastUsed,
	}
	if r.service != "" && !validServicePrincipal(r.service) {
		return fmt.Errorf("%s: bad service principal %q", what, r.service)
	}
	if r.boundary != "" {
		if err := d.checkAttached(acct, []string{r.boundary}, what+" boundary"); err != nil {
			return err
		}
	}
	if err := d.checkAttached(acct, r.attached, what); err != nil {
		return err
	}
	if r.inline, err = buildInline(sr.Inline, what); err != nil {
		return err
	}
	if err := unique(r.id, r); err != nil {
		return err
	}
	acct.roles[lower(r.name)] = r
	return nil
}

// checkAttachments checks each customer managed policy's attachment count
// against the users, groups and roles that list it.
func (d *Directory) checkAttachments(acct *account) error {
	count := make(map[*managedPolicy]int)
	add := func(list []string) {
		for _, a := range list {
			if p, ok := d.customerPolicy(acct, a); ok {
				count[p]++
			}
		}
	}
	for _, u := range acct.users {
		add(u.attached)
	}
	for _, g := range acct.groups {
		add(g.attached)
	}
	for _, r := range acct.roles {
		add(r.attached)
	}
	for _, p := range acct.policies {
		if count[p] != p.attachments {
			return fmt.Errorf("account %s: policy %s has attachment count %d but is attached %d times", acct.id, p.name, p.attachments, count[p])
		}
	}
	return nil
}

func (d *Directory) buildMFA(st *restored, acct *account, sa *snapAccount) error {
	what := "account " + acct.id
	prefix := d.arn("iam", acct.id, "mfa/")
	names := make(map[string]bool)
	for _, sm := range sa.MFADevices {
		if !strings.HasPrefix(sm.Serial, prefix) || lastSegment(sm.Serial) == "" {
			return fmt.Errorf("%s: MFA serial number %q is not an MFA device ARN of the account", what, sm.Serial)
		}
		if _, dup := acct.mfa[sm.Serial]; dup {
			return fmt.Errorf("%s: duplicate MFA device %s", what, sm.Serial)
		}
		if n := lower(lastSegment(sm.Serial)); names[n] {
			return fmt.Errorf("%s: two MFA devices named %s", what, n)
		} else {
			names[n] = true
		}
		m := &mfaDevice{serial: sm.Serial, seed: slices.Clone(sm.Seed), root: sm.Root, enabled: sm.Enabled, last: sm.Last, tags: slices.Clone(sm.Tags)}
		if sm.User != "" {
			u, ok := st.byUnique[sm.User].(*user)
			if !ok || u.acct != acct || sm.Root {
				return fmt.Errorf("%s: MFA device %s belongs to %s, which is not a user of the account", what, sm.Serial, sm.User)
			}
			m.user = u
		}
		acct.mfa[sm.Serial] = m
	}
	// Every device assigned is in its owner's list once, and only there.
	check := func(list []string, owner string, mine func(*mfaDevice) bool) error {
		for i, s := range list {
			m, ok := acct.mfa[s]
			if !ok || !mine(m) || slices.Contains(list[:i], s) {
				return fmt.Errorf("%s: %s lists MFA device %s, which is not assigned to it once", what, owner, s)
			}
		}
		return nil
	}
	acct.root.mfa = slices.Clone(sa.RootMFA)
	if err := check(acct.root.mfa, "the root user", func(m *mfaDevice) bool { return m.root }); err != nil {
		return err
	}
	assigned := len(acct.root.mfa)
	for _, u := range acct.users {
		if err := check(u.mfa, "user "+u.name, func(m *mfaDevice) bool { return m.user == u }); err != nil {
			return err
		}
		assigned += len(u.mfa)
	}
	for _, m := range acct.mfa {
		if m.assigned() {
			assigned--
		}
	}
	if assigned != 0 {
		return fmt.Errorf("%s: an assigned MFA device is missing from its owner's list", what)
	}
	return nil
}

func (d *Directory) buildOIDC(acct *account, so snapOIDC) error {
	what := "account " + acct.id + " OIDC provider " + so.ARN
	key, ok := strings.CutPrefix(so.URL, "https://")
	if !ok || key == "" || so.ARN != d.arn("iam", acct.id, "oidc-provider/"+key) {
		return fmt.Errorf("%s: the ARN does not match the URL %q", what, so.URL)
	}
	if _, dup := acct.oidc[so.ARN]; dup {
		return fmt.Errorf("account %s: duplicate OIDC provider %s", acct.id, so.ARN)
	}
	p := &oidcProvider{
		arn: so.ARN, url: so.URL, clients: slices.Clone(so.ClientIDs), thumbprints: slices.Clone(so.Thumbprints),
		created: so.Created, tags: slices.Clone(so.Tags),
	}
	if len(so.Keys) > 0 {
		raw, err := json.Marshal(struct {
			Keys []snapJWK `json:"keys"`
		}{so.Keys})
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		set, err := ParseJWKS(raw)
		if err != nil || set.Len() != len(so.Keys) {
			return fmt.Errorf("%s: its keys are not a valid JSON Web Key Set", what)
		}
		p.keys = set
	}
	acct.oidc[so.ARN] = p
	return nil
}

func (d *Directory) buildSession(st *restored, ss *snapSession) error {
	what := "session " + ss.AccessKeyID
	var kind sessionKind
	found := false
	for k, name := range sessionKinds {
		if name == ss.Kind {
			kind, found = k, true
		}
	}
	if !found {
		return fmt.Errorf("%s: unknown kind %q", what, ss.Kind)
	}
	if !strings.HasPrefix(ss.AccessKeyID, PrefixTemporaryKey) || ss.Secret == "" || ss.Token == "" {
		return fmt.Errorf("%s: temporary credentials need an ASIA key id, a secret and a token", what)
	}
	if _, dup := st.sessions[ss.AccessKeyID]; dup {
		return fmt.Errorf("duplicate session %s", ss.AccessKeyID)
	}
	if _, dup := st.keys[ss.AccessKeyID]; dup {
		return fmt.Errorf("%s: the key id is also a long-term key's", what)
	}
	sp := ss.Principal
	if !slices.Contains(authz.PrincipalType("").Values(), sp.Type) {
		return fmt.Errorf("%s: unknown principal type %q", what, sp.Type)
	}
	acct, ok := st.accounts[sp.Account]
	if !ok {
		return fmt.Errorf("%s: account %q does not exist", what, sp.Account)
	}
	switch parent := st.byUnique[ss.Parent].(type) {
	case *role:
		ok = kind == kindRole && parent.acct == acct
	case *user:
		ok = kind != kindRole && parent.acct == acct
	default:
		ok = ss.Parent == "" && kind != kindRole
	}
	if !ok {
		return fmt.Errorf("%s: parent %q is not a %s of account %s", what, ss.Parent, map[bool]string{true: "role", false: "user"}[kind == kindRole], acct.id)
	}
	s := &session{
		kind: kind, akid: ss.AccessKeyID, secret: ss.Secret, token: ss.Token,
		principal: authz.Principal{
			Type: sp.Type, ARN: sp.ARN, Account: sp.Account, RoleARN: sp.RoleARN, ParentUserARN: sp.ParentUserARN,
			UniqueID: sp.UniqueID, UserID: sp.UserID, UserName: sp.UserName, Service: sp.Service, Provider: sp.Provider,
			CanonicalUser: sp.CanonicalUser, ServiceLinked: sp.ServiceLinked, AccessKeyID: sp.AccessKeyID,
		},
		parent: ss.Parent, issued: ss.Issued, expires: ss.Expires, mfa: ss.MFA, mfaTime: ss.MFATime,
		sourceIdentity: ss.SourceIdentity, tags: slices.Clone(ss.Tags), transitive: slices.Clone(ss.Transitive),
		chained: ss.Chained, provider: ss.Provider, instance: ss.Instance,
	}
	if len(ss.Policies) > 0 {
		var named []authz.Named
		for _, np := range ss.Policies {
			if !slices.Contains(authz.Kind("").Values(), np.Kind) {
				return fmt.Errorf("%s: session policy %q has unknown kind %q", what, np.Name, np.Kind)
			}
			p, err := authz.Parse(np.Kind, []byte(np.Document))
			if err != nil {
				return fmt.Errorf("%s: session policy %q: %w", what, np.Name, err)
			}
			named = append(named, authz.Named{Name: np.Name, Policy: p})
		}
		s.policies = authz.NewPolicyList(named...)
	}
	st.sessions[s.akid] = s
	return nil
}

func buildInstance(st *restored, si snapInstance) error {
	what := "instance " + si.ID
	if !validInstanceID(si.ID) {
		return fmt.Errorf("bad instance id %q", si.ID)
	}
	if _, dup := st.instances[si.ID]; dup {
		return fmt.Errorf("duplicate instance %s", si.ID)
	}
	if _, ok := st.accounts[si.Account]; !ok {
		return fmt.Errorf("%s: account %q does not exist", what, si.Account)
	}
	// The profile may be gone: deleting a profile leaves the instances
	// that named it without credentials.
	inst := &instance{id: si.ID, account: si.Account, profile: si.Profile, tokens: make(map[string]time.Time, len(si.Tokens))}
	for _, t := range si.Tokens {
		if _, dup := inst.tokens[t.Token]; dup || t.Token == "" {
			return fmt.Errorf("%s: an empty or duplicate IMDS token", what)
		}
		inst.tokens[t.Token] = t.Expires
	}
	if si.Credentials != "" {
		s, ok := st.sessions[si.Credentials]
		if !ok || s.instance != si.ID {
			return fmt.Errorf("%s: credentials %s are not a session of the instance", what, si.Credentials)
		}
		inst.creds = s
	}
	st.instances[si.ID] = inst
	return nil
}
