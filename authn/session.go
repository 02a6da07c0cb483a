package authn

import (
	"container/heap"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn/sigv4"
	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// ExpiredSessionRetention is how long an expired session is remembered, so
// that its credentials fail with ExpiredToken rather than
// InvalidClientTokenId; older ones are forgotten when new sessions are
// issued.
const ExpiredSessionRetention = 12 * time.Hour

// Credentials are temporary security credentials.
type Credentials struct {
	AccessKeyID     string // ASIA...
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

type sessionKind uint8

const (
	kindRole         sessionKind = iota // AssumeRole*, instance profiles, service roles
	kindFederated                       // GetFederationToken
	kindSessionToken                    // GetSessionToken
)

type session struct {
	kind      sessionKind
	akid      string
	secret    string
	token     string
	principal authz.Principal
	// parent is the unique id of the role (kindRole) or user the session
	// belongs to; "" for sessions of the root user.
	parent         string
	issued         time.Time
	expires        time.Time
	mfa            bool
	mfaTime        time.Time
	sourceIdentity string
	tags           []Tag    // session tags, inherited transitive ones included
	transitive     []string // keys of tags that pass on to chained sessions
	policies       *authz.PolicyList
	chained        bool
	provider       string // identity provider of a web identity or SAML session
	instance       string // EC2 instance id of an instance-profile session
	heapIndex      int
	ctx            atomic.Pointer[ctxCache]
}

func (s *session) credentials() Credentials {
	return Credentials{AccessKeyID: s.akid, SecretAccessKey: s.secret, SessionToken: s.token, Expiration: s.expires}
}

// sessionHeap orders sessions by expiry.
type sessionHeap []*session

func (h sessionHeap) Len() int           { return len(h) }
func (h sessionHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h sessionHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex, h[j].heapIndex = i, j
}
func (h *sessionHeap) Push(x any) {
	s := x.(*session)
	s.heapIndex = len(*h)
	*h = append(*h, s)
}
func (h *sessionHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	s.heapIndex = -1
	return s
}

// issueSpec describes a session to issue.
type issueSpec struct {
	kind           sessionKind
	principal      authz.Principal
	parent         string
	duration       time.Duration
	mfa            bool
	mfaTime        time.Time
	sourceIdentity string
	tags           []Tag
	transitive     []string
	policies       *authz.PolicyList
	chained        bool
	provider       string
	instance       string
}

// issue creates a session with fresh credentials; d.mu must be held for
// writing.
func (d *Directory) issue(spec issueSpec) (*session, error) {
	akid, err := d.ids.accessKeyID(PrefixTemporaryKey, spec.principal.Account)
	if err != nil {
		return nil, err
	}
	secret, err := d.ids.secret()
	if err != nil {
		return nil, err
	}
	token, err := d.ids.sessionToken()
	if err != nil {
		return nil, err
	}
	now := d.now()
	d.purgeExpired(now)
	s := &session{
		kind: spec.kind, akid: akid, secret: secret, token: token, principal: spec.principal,
		parent: spec.parent, issued: now, expires: now.Add(spec.duration),
		mfa: spec.mfa, mfaTime: spec.mfaTime, sourceIdentity: spec.sourceIdentity,
		tags: spec.tags, transitive: spec.transitive, policies: spec.policies, chained: spec.chained,
		provider: spec.provider, instance: spec.instance,
	}
	s.principal.AccessKeyID = akid
	s.principal.Environment = nil
	d.sessions[akid] = s
	heap.Push(&d.expiring, s)
	return s, nil
}

// purgeExpired forgets sessions expired for longer than
// ExpiredSessionRetention.
func (d *Directory) purgeExpired(now time.Time) {
	for len(d.expiring) > 0 && now.Sub(d.expiring[0].expires) > ExpiredSessionRetention {
		s := heap.Pop(&d.expiring).(*session)
		if d.sessions[s.akid] == s {
			delete(d.sessions, s.akid)
		}
	}
}

// dropSessionsOf ends the sessions of a deleted user or role.
func (d *Directory) dropSessionsOf(uniqueID string) {
	for id, s := range d.sessions {
		if s.parent == uniqueID {
			delete(d.sessions, id)
			if s.heapIndex >= 0 && s.heapIndex < len(d.expiring) && d.expiring[s.heapIndex] == s {
				heap.Remove(&d.expiring, s.heapIndex)
			}
		}
	}
}

// Identity is who a set of credentials belongs to, as [Directory.Resolve]
// finds it.
type Identity struct {
	// Principal is the principal for authz, its AccessKeyID set.
	Principal authz.Principal
	// Temporary is set for STS credentials (ASIA...).
	Temporary  bool
	IssuedAt   time.Time // temporary credentials only
	Expiration time.Time // temporary credentials only
	// MFAAuthenticated reports that MFA was used to obtain the session,
	// at MFAAuthenticatedAt.
	MFAAuthenticated   bool
	MFAAuthenticatedAt time.Time
	SourceIdentity     string
	SessionTags        []Tag
	TransitiveTagKeys  []string
	// RoleChained reports a role session obtained with role session
	// credentials.
	RoleChained bool
	// Provider is the identity provider (ARN) of a web identity or SAML
	// session.
	Provider string
}

func (s *session) identity() *Identity {
	return &Identity{
		Principal: s.principal, Temporary: true, IssuedAt: s.issued, Expiration: s.expires,
		MFAAuthenticated: s.mfa, MFAAuthenticatedAt: s.mfaTime, SourceIdentity: s.sourceIdentity,
		SessionTags: slices.Clone(s.tags), TransitiveTagKeys: slices.Clone(s.transitive),
		RoleChained: s.chained, Provider: s.provider,
	}
}

// alive reports whether the session's user or role still exists; d.mu
// must be held.
func (d *Directory) alive(s *session) bool {
	if s.parent == "" {
		_, ok := d.accounts[s.principal.Account]
		return ok
	}
	_, ok := d.byUnique[s.parent]
	return ok
}

// Resolve finds the identity an access key belongs to: an active
// long-term key of an IAM user or root user, or an unexpired session. It
// records the key's last use. Unknown, deleted and inactive keys, and
// sessions of deleted users and roles, fail with InvalidClientTokenId;
// expired sessions with ExpiredToken.
func (d *Directory) Resolve(accessKeyID string) (*Identity, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if k, ok := d.keys[accessKeyID]; ok {
		if !k.active {
			return nil, errInvalidClientToken()
		}
		k.lastUsed.Store(d.now().UnixNano())
		var p authz.Principal
		if k.user != nil {
			p = d.userPolicies(k.user).principal
		} else {
			p = k.acct.rootPrincipal(d)
		}
		p.AccessKeyID = accessKeyID
		return &Identity{Principal: p}, nil
	}
	s, ok := d.sessions[accessKeyID]
	if !ok || !d.alive(s) {
		return nil, errInvalidClientToken()
	}
	if !d.now().Before(s.expires) {
		return nil, errExpiredToken()
	}
	return s.identity(), nil
}

// LookupKey implements sigv4.KeyResolver: the secret, session token and
// expiry of an access key, with an *Identity as Principal. Unknown keys
// wrap sigv4.ErrInvalidAccessKeyID; inactive keys are returned with Active
// false and expired sessions with their Expiration, for the verifier to
// reject with the right error.
func (d *Directory) LookupKey(accessKeyID string) (sigv4.Key, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if k, ok := d.keys[accessKeyID]; ok {
		var p authz.Principal
		if k.user != nil {
			p = d.userPolicies(k.user).principal
		} else {
			p = k.acct.rootPrincipal(d)
		}
		p.AccessKeyID = accessKeyID
		return sigv4.Key{AccessKeyID: accessKeyID, SecretAccessKey: k.secret, Active: k.active, Principal: &Identity{Principal: p}}, nil
	}
	s, ok := d.sessions[accessKeyID]
	if !ok || !d.alive(s) {
		return sigv4.Key{}, errInvalidClientToken()
	}
	return sigv4.Key{
		AccessKeyID: accessKeyID, SecretAccessKey: s.secret, SessionToken: s.token,
		Expiration: s.expires, Active: true, Principal: s.identity(),
	}, nil
}

// RequestContext is what authz needs about a principal: the principal,
// its identity-based policies, permissions boundary and session policies,
// and the condition keys that follow from it.
type RequestContext struct {
	Principal authz.Principal
	// Identity holds the identity-based policies: a user's own and its
	// groups', a role's, the parent user's for a federated user; nil for
	// the root user (full access) and principals outside IAM.
	Identity *authz.PolicyList
	// Boundary is the permissions boundary, if any.
	Boundary *authz.PolicyList
	// Session holds the session policies of a role session or federated
	// user, if any were passed.
	Session *authz.PolicyList
	// Context holds aws:PrincipalArn, aws:PrincipalAccount,
	// aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/*,
	// aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge,
	// aws:TokenIssueTime, aws:SourceIdentity and aws:FederatedProvider as
	// they apply. It is the caller's to change.
	Context *authz.Context
}

// allowAll is the identity of a federated user of the root user, whose
// parent has every permission.
var allowAll = authz.NewPolicyList(authz.Named{
	Name:   "root user",
	Policy: authz.MustParse(authz.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
})

// PolicyContext returns the policies and condition keys of a principal.
// The principal is found by its AccessKeyID when that names a session, and
// otherwise by its type, ARN and unique id. Compiled policy lists are
// cached per user and role until a change affects them.
func (d *Directory) PolicyContext(p *authz.Principal) (*RequestContext, error) {
	if p == nil {
		return nil, errInvalidInput("no principal")
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	now := d.now()
	var s *session
	if p.AccessKeyID != "" {
		if cand, ok := d.sessions[p.AccessKeyID]; ok && cand.principal.ARN == p.ARN {
			if !now.Before(cand.expires) {
				return nil, errExpiredToken()
			}
			s = cand
		}
	}
	rc := &RequestContext{Principal: *p}
	var base *authz.Context
	switch p.Type {
	case authz.PrincipalRoot:
		acct, ok := d.accounts[p.Account]
		if !ok {
			return nil, errNoSuchEntity("The account with id %s cannot be found.", p.Account)
		}
		rc.Principal = acct.rootPrincipal(d)
		if s != nil {
			base = d.sessionContext(s, nil)
		} else {
			base = d.cachedContext(&acct.rootCtx, &rc.Principal, nil, nil)
		}
	case authz.PrincipalUser:
		u, err := d.findUser(p)
		if err != nil {
			return nil, err
		}
		c := d.userPolicies(u)
		rc.Principal = c.principal
		rc.Identity, rc.Boundary, base = c.identity, c.boundary, c.ctx
		if s != nil {
			base = d.sessionContext(s, c.tags)
		}
	case authz.PrincipalAssumedRole:
		r, err := d.findRole(p, s)
		if err != nil {
			return nil, err
		}
		c := d.rolePolicies(r)
		rc.Identity, rc.Boundary = c.identity, c.boundary
		if s != nil {
			rc.Principal = s.principal
			rc.Session = s.policies
			base = d.sessionContext(s, c.tags)
		} else {
			base = d.buildContext(&rc.Principal, c.tags, nil)
		}
	case authz.PrincipalFederatedUser:
		if s == nil {
			return nil, errInvalidClientToken()
		}
		rc.Principal = s.principal
		rc.Session = s.policies
		if s.parent == "" {
			rc.Identity = allowAll
		} else {
			u, ok := d.byUnique[s.parent].(*user)
			if !ok {
				return nil, errInvalidClientToken()
			}
			c := d.userPolicies(u)
			rc.Identity, rc.Boundary = c.identity, c.boundary
		}
		base = d.sessionContext(s, nil)
	default:
		// Services, web identities and anonymous callers: no policies of
		// their own; authz derives their keys from the principal.
		rc.Context = authz.NewContext()
		return rc, nil
	}
	rc.Principal.AccessKeyID = p.AccessKeyID
	rc.Principal.Environment = p.Environment
	rc.Context = base.Clone()
	if s != nil && s.mfa {
		age := int64(now.Sub(s.mfaTime) / time.Second)
		rc.Context.Set("aws:MultiFactorAuthAge", strconv.FormatInt(max(age, 0), 10))
	}
	return rc, nil
}

// ctxCache is a principal's base condition keys, valid while the
// Directory's generation is gen.
type ctxCache struct {
	gen uint64
	ctx *authz.Context
}

// cachedContext returns the base context held in slot, building it when
// it is missing or stale. d.mu must be held (read).
func (d *Directory) cachedContext(slot *atomic.Pointer[ctxCache], p *authz.Principal, tags []Tag, s *session) *authz.Context {
	gen := d.gen.Load()
	if c := slot.Load(); c != nil && c.gen == gen {
		return c.ctx
	}
	ctx := d.buildContext(p, tags, s)
	slot.Store(&ctxCache{gen: gen, ctx: ctx})
	return ctx
}

// sessionContext is the base context of a session, whose user or role
// has the given tags.
func (d *Directory) sessionContext(s *session, tags []Tag) *authz.Context {
	return d.cachedContext(&s.ctx, &s.principal, tags, s)
}

func (d *Directory) findUser(p *authz.Principal) (*user, error) {
	if p.UniqueID != "" {
		if u, ok := d.byUnique[p.UniqueID].(*user); ok && u.acct.id == p.Account {
			return u, nil
		}
	}
	name := lastSegment(p.ARN)
	if acct, ok := d.accounts[p.Account]; ok {
		if u, ok := acct.users[lower(name)]; ok && d.userARN(u) == p.ARN && (p.UniqueID == "" || p.UniqueID == u.id) {
			return u, nil
		}
	}
	return nil, errNoSuchEntity("The user with name %s cannot be found.", name)
}

func (d *Directory) findRole(p *authz.Principal, s *session) (*role, error) {
	id := p.UniqueID
	if s != nil {
		id = s.parent
	}
	if id != "" {
		if r, ok := d.byUnique[id].(*role); ok {
			return r, nil
		}
	}
	if s == nil && p.RoleARN != "" {
		if acct, ok := d.accounts[p.Account]; ok {
			if r, ok := acct.roles[lower(lastSegment(p.RoleARN))]; ok && d.roleARN(r) == p.RoleARN {
				return r, nil
			}
		}
	}
	return nil, errNoSuchEntity("The role with name %s cannot be found.", lastSegment(p.RoleARN))
}

// buildContext returns the condition keys that follow from a principal,
// its user's or role's tags and its session, all but
// aws:MultiFactorAuthAge, which depends on the time of the request. The
// result is shared: callers clone it.
func (d *Directory) buildContext(p *authz.Principal, tags []Tag, s *session) *authz.Context {
	c := authz.NewContext()
	if a := p.PrincipalARN(); a != "" {
		c.Set("aws:PrincipalArn", a)
	}
	c.Set("aws:PrincipalAccount", p.Account)
	c.Set("aws:PrincipalType", string(p.Type))
	c.Set("aws:userid", p.UserID)
	if p.Type == authz.PrincipalUser {
		c.Set("aws:username", p.UserName)
	}
	c.Set("aws:PrincipalIsAWSService", "false")
	for _, t := range tags {
		c.Set("aws:PrincipalTag/"+t.Key, t.Value)
	}
	if s == nil {
		return c
	}
	for _, t := range s.tags {
		c.Set("aws:PrincipalTag/"+t.Key, t.Value)
	}
	c.Set("aws:TokenIssueTime", s.issued.UTC().Format(time.RFC3339))
	c.Set("aws:MultiFactorAuthPresent", strconv.FormatBool(s.mfa))
	if s.sourceIdentity != "" {
		c.Set("aws:SourceIdentity", s.sourceIdentity)
	}
	if s.provider != "" {
		c.Set("aws:FederatedProvider", s.provider)
	}
	return c
}
