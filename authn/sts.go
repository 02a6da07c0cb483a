package authn

import (
	"bytes"
	"compress/flate"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// STS quotas and defaults.
const (
	MaxSessionPolicyARNs  = 10
	MaxSessionPolicySize  = 2048
	MaxSessionTags        = 50
	MaxFederationDuration = 36 * time.Hour
	DefaultFederation     = 12 * time.Hour
	// RootSessionMaxDuration caps GetSessionToken and GetFederationToken
	// sessions of the root user.
	RootSessionMaxDuration = time.Hour
	// packedAllotment is the space, in bytes after compression, that the
	// session policies and tags of one request may take.
	packedAllotment = 2048
)

// AssumedRoleUser identifies a role session.
type AssumedRoleUser struct {
	ARN           string // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
	AssumedRoleID string // AROA...:SESSION
}

// AssumeRoleInput is the input of AssumeRole.
type AssumeRoleInput struct {
	RoleARN         string
	RoleSessionName string
	// DurationSeconds is 900 to the role's MaxSessionDuration (3,600 when
	// chaining roles); 0 means 3,600.
	DurationSeconds int
	ExternalID      string
	// SerialNumber and TokenCode authenticate the caller with an MFA
	// device of its own.
	SerialNumber string
	TokenCode    string
	// Policy is an inline session policy (at most 2,048 characters) and
	// PolicyARNs up to 10 managed session policies.
	Policy            string
	PolicyARNs        []string
	Tags              []Tag
	TransitiveTagKeys []string
	SourceIdentity    string
	// Region is the STS endpoint's region; "" is the global endpoint.
	Region string
}

// AssumeRoleOutput is the result of AssumeRole and of the role sessions
// of web identities, SAML and services.
type AssumeRoleOutput struct {
	Credentials      Credentials
	AssumedRoleUser  AssumedRoleUser
	PackedPolicySize int // percent of the allotted space
	SourceIdentity   string
}

// roleRef is a snapshot of a role taken under the lock.
type roleRef struct {
	r       *role
	id      string
	acct    *account
	arn     string
	name    string
	trust   *authz.PolicyList
	max     time.Duration
	service bool
}

// findRoleByARN resolves a role ARN; d.mu must be held.
func (d *Directory) findRoleByARN(roleARN string) (roleRef, bool) {
	parts := strings.SplitN(roleARN, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] != d.partition || parts[2] != "iam" || parts[3] != "" {
		return roleRef{}, false
	}
	acct, ok := d.accounts[parts[4]]
	if !ok || !strings.HasPrefix(parts[5], "role/") {
		return roleRef{}, false
	}
	r, ok := acct.roles[lower(lastSegment(parts[5]))]
	if !ok || d.roleARN(r) != roleARN {
		return roleRef{}, false
	}
	return roleRef{r: r, id: r.id, acct: acct, arn: roleARN, name: r.name, trust: r.trust, max: r.maxSession, service: r.serviceLinked()}, true
}

func checkRoleARN(v string) error {
	if n := len(v); n < 20 || n > 2048 {
		return errValidation(v, "roleArn", lengthConstraint(20, 2048, n))
	}
	return nil
}

func checkSessionName(v, field string, max int) error {
	if n := len(v); n < 2 || n > max {
		return errValidation(v, field, lengthConstraint(2, max, n))
	}
	if !isNameChars(v) {
		return errValidation(v, field, "satisfy regular expression pattern: "+patternSessionNm)
	}
	return nil
}

func checkSourceIdentity(v string) error {
	if v == "" {
		return nil
	}
	if err := checkSessionName(v, "sourceIdentity", 64); err != nil {
		return err
	}
	if hasPrefixFold(v, "aws:") {
		return errValidationMsg("SourceIdentity must not begin with aws:")
	}
	return nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// duration checks DurationSeconds against [900, max] of the model and
// returns it, or def when 0.
func duration(secs int, modelMax, def time.Duration) (time.Duration, error) {
	if secs == 0 {
		return def, nil
	}
	if secs < 900 {
		return 0, errValidation(strconv.Itoa(secs), "durationSeconds", "have value greater than or equal to 900")
	}
	if time.Duration(secs)*time.Second > modelMax {
		return 0, errValidation(strconv.Itoa(secs), "durationSeconds", "have value less than or equal to "+strconv.Itoa(int(modelMax/time.Second)))
	}
	return time.Duration(secs) * time.Second, nil
}

// sessionRequest checks what every role-session request carries: session
// policy sizes, ARNs, tags.
func checkSessionRequest(policy string, arns []string, tags []Tag, transitive []string) error {
	if n := len([]rune(policy)); n > MaxSessionPolicySize {
		return errValidation(policy, "policy", lengthConstraint(1, MaxSessionPolicySize, n))
	}
	if len(arns) > MaxSessionPolicyARNs {
		return errValidationMsg("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to %d", MaxSessionPolicyARNs)
	}
	for _, a := range arns {
		if n := len(a); n < 20 || n > 2048 {
			return errValidation(a, "policyArns.member.arn", lengthConstraint(20, 2048, n))
		}
	}
	if err := checkTags(tags, "tags", MaxSessionTags); err != nil {
		return err
	}
	if len(transitive) > MaxSessionTags {
		return errValidationMsg("1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to %d", MaxSessionTags)
	}
	for _, k := range transitive {
		if !slices.ContainsFunc(tags, func(t Tag) bool { return strings.EqualFold(t.Key, k) }) {
			return errValidationMsg("The specified transitive tag key must be included in the requested tags.")
		}
	}
	return nil
}

// packedSize returns the packed size of session policies and tags as a
// percentage of the allotment: the DEFLATE-compressed size of the inline
// policy, the managed policy ARNs and the tags.
func packedSize(policy string, arns []string, tags []Tag) int {
	if policy == "" && len(arns) == 0 && len(tags) == 0 {
		return 0
	}
	var raw bytes.Buffer
	raw.WriteString(policy)
	for _, a := range arns {
		raw.WriteString(a)
	}
	for _, t := range tags {
		raw.WriteString(t.Key)
		raw.WriteByte(0)
		raw.WriteString(t.Value)
	}
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	_, _ = w.Write(raw.Bytes())
	_ = w.Close()
	return (out.Len()*100 + packedAllotment - 1) / packedAllotment
}

// requestTagContext adds aws:RequestTag/*, aws:TagKeys and
// sts:TransitiveTagKeys.
func requestTagContext(c *authz.Context, tags []Tag, transitive []string) {
	if len(tags) == 0 {
		return
	}
	keys := make([]string, 0, len(tags))
	for _, t := range tags {
		c.Set("aws:RequestTag/"+t.Key, t.Value)
		keys = append(keys, t.Key)
	}
	c.SetMulti("aws:TagKeys", keys...)
	if len(transitive) > 0 {
		c.SetMulti("sts:TransitiveTagKeys", transitive...)
	}
}

// callerSession returns the caller's session, if its credentials are
// temporary; d.mu must be held.
func (d *Directory) callerSession(caller *authz.Principal) *session {
	if caller.AccessKeyID == "" {
		return nil
	}
	if s, ok := d.sessions[caller.AccessKeyID]; ok && s.principal.ARN == caller.ARN {
		return s
	}
	return nil
}

// checkRegion fails when STS is not active in the region for the account.
func (d *Directory) checkRegion(acct *account, region string) error {
	if region == "" {
		return nil
	}
	if !acct.stsActive(region) {
		return errRegionDisabled(acct.id)
	}
	return nil
}

// mfaForCaller verifies an MFA code of the calling user or root user;
// d.mu must be held for writing.
func (d *Directory) mfaForCaller(caller *authz.Principal, serial, code string, now time.Time) error {
	fail := errAccessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.")
	acct, ok := d.accounts[caller.Account]
	if !ok {
		return fail
	}
	var serials []string
	switch caller.Type {
	case authz.PrincipalRoot:
		serials = acct.root.mfa
	case authz.PrincipalUser:
		u, err := d.findUser(caller)
		if err != nil {
			return fail
		}
		serials = u.mfa
	default:
		return errAccessDenied("MultiFactorAuthentication failed, the MFA device does not belong to the caller.")
	}
	if !slices.Contains(serials, serial) {
		return errAccessDenied("MultiFactorAuthentication failed, the MFA device does not belong to the caller.")
	}
	if m, ok := acct.mfa[serial]; !ok || !m.verify(code, now) {
		return fail
	}
	return nil
}

func checkMFAInput(serial, code string) error {
	if serial == "" && code == "" {
		return nil
	}
	if serial == "" || code == "" {
		return errAccessDenied("MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.")
	}
	if n := len(serial); n < 9 || n > 256 {
		return errValidation(serial, "serialNumber", lengthConstraint(9, 256, n))
	}
	for i := 0; i < len(serial); i++ {
		c := serial[i]
		if !isWordChar(c) && !strings.ContainsRune("+=/:,.@-", rune(c)) {
			return errValidation(serial, "serialNumber", "satisfy regular expression pattern: "+patternSerial)
		}
	}
	if len(code) != 6 {
		return errValidation(code, "tokenCode", lengthConstraint(6, 6, len(code)))
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return errValidation(code, "tokenCode", "satisfy regular expression pattern: "+patternTokenCode)
		}
	}
	return nil
}

// rolePrincipal is the principal of a session of role ref named name.
func (d *Directory) rolePrincipal(ref roleRef, name string) authz.Principal {
	return authz.Principal{
		Type:          authz.PrincipalAssumedRole,
		ARN:           d.arn("sts", ref.acct.id, "assumed-role/"+ref.name+"/"+name),
		Account:       ref.acct.id,
		RoleARN:       ref.arn,
		UniqueID:      ref.id,
		UserID:        ref.id + ":" + name,
		ServiceLinked: ref.service,
	}
}

// finishRole issues a role session after authorization: it checks, under
// the write lock, that the role still exists.
func (d *Directory) finishRole(ref roleRef, name string, spec issueSpec) (*AssumeRoleOutput, *session, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r, ok := d.byUnique[ref.id].(*role)
	if !ok {
		return nil, nil, errNoSuchEntity("The role with name %s cannot be found.", ref.name)
	}
	spec.kind = kindRole
	spec.principal = d.rolePrincipal(ref, name)
	spec.parent = ref.id
	s, err := d.issue(spec)
	if err != nil {
		return nil, nil, err
	}
	r.lastUsed = s.issued
	return &AssumeRoleOutput{
		Credentials:     s.credentials(),
		AssumedRoleUser: AssumedRoleUser{ARN: s.principal.ARN, AssumedRoleID: s.principal.UserID},
		SourceIdentity:  s.sourceIdentity,
	}, s, nil
}

// AssumeRole returns credentials for a session of a role, for an IAM user
// or a role session (role chaining). The trust policy is evaluated as the
// role's resource-based policy together with the caller's identity-based
// policies (sts:AssumeRole), through the Directory's Authorizer; passing
// session tags also needs sts:TagSession and a source identity
// sts:SetSourceIdentity. Session policies only narrow the session's
// permissions. Transitive tags and the source identity of a role session
// pass on to sessions it assumes.
func (d *Directory) AssumeRole(caller *authz.Principal, in AssumeRoleInput) (*AssumeRoleOutput, error) {
	if caller == nil {
		return nil, errInvalidInput("no principal")
	}
	if err := checkRoleARN(in.RoleARN); err != nil {
		return nil, err
	}
	if err := checkSessionName(in.RoleSessionName, "roleSessionName", 64); err != nil {
		return nil, err
	}
	if in.ExternalID != "" {
		if n := len(in.ExternalID); n < 2 || n > 1224 {
			return nil, errValidation(in.ExternalID, "externalId", lengthConstraint(2, 1224, n))
		}
		for i := 0; i < len(in.ExternalID); i++ {
			if c := in.ExternalID[i]; !isWordChar(c) && !strings.ContainsRune("+=,.@:/-", rune(c)) {
				return nil, errValidation(in.ExternalID, "externalId", "satisfy regular expression pattern: "+patternExternalID)
			}
		}
	}
	if err := checkMFAInput(in.SerialNumber, in.TokenCode); err != nil {
		return nil, err
	}
	if err := checkSourceIdentity(in.SourceIdentity); err != nil {
		return nil, err
	}
	if err := checkSessionRequest(in.Policy, in.PolicyARNs, in.Tags, in.TransitiveTagKeys); err != nil {
		return nil, err
	}
	dur, err := duration(in.DurationSeconds, MaxRoleSessionDuration, DefaultSessionDuration)
	if err != nil {
		return nil, err
	}
	denied := errAccessDenied("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", caller.ARN, in.RoleARN)
	switch caller.Type {
	case authz.PrincipalRoot:
		return nil, errAccessDenied("Roles may not be assumed by root accounts.")
	case authz.PrincipalUser, authz.PrincipalAssumedRole:
	case authz.PrincipalFederatedUser:
		return nil, errAccessDenied("Cannot call AssumeRole with federated user credentials.")
	default:
		return nil, denied
	}

	d.mu.Lock()
	now := d.now()
	ref, ok := d.findRoleByARN(in.RoleARN)
	if !ok {
		d.mu.Unlock()
		return nil, denied
	}
	if err := d.checkRegion(ref.acct, in.Region); err != nil {
		d.mu.Unlock()
		return nil, err
	}
	prev := d.callerSession(caller)
	chained := caller.Type == authz.PrincipalAssumedRole
	if dur > ref.max {
		d.mu.Unlock()
		return nil, errValidationMsg("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	if chained && dur > RoleChainingMaxDuration {
		d.mu.Unlock()
		return nil, errValidationMsg("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	}
	policies, err := d.sessionPolicies(ref.acct, in.Policy, in.PolicyARNs)
	if err != nil {
		d.mu.Unlock()
		return nil, err
	}
	// MFA: a code given now, else the caller session's.
	mfa, mfaTime := false, time.Time{}
	if in.SerialNumber != "" {
		if err := d.mfaForCaller(caller, in.SerialNumber, in.TokenCode, now); err != nil {
			d.mu.Unlock()
			return nil, err
		}
		mfa, mfaTime = true, now
	} else if prev != nil && prev.mfa {
		mfa, mfaTime = true, prev.mfaTime
	}
	// Transitive tags and source identity of a chained session.
	tags := slices.Clone(in.Tags)
	transitive := slices.Clone(in.TransitiveTagKeys)
	source := in.SourceIdentity
	if prev != nil {
		for _, t := range prev.tags {
			if !slices.ContainsFunc(prev.transitive, func(k string) bool { return strings.EqualFold(k, t.Key) }) {
				continue
			}
			if slices.ContainsFunc(in.Tags, func(n Tag) bool { return strings.EqualFold(n.Key, t.Key) }) {
				d.mu.Unlock()
				return nil, errValidationMsg("One or more of the session tags conflict with transitive tags of the calling session: %s", t.Key)
			}
			tags = append(tags, t)
			transitive = append(transitive, t.Key)
		}
		if prev.sourceIdentity != "" {
			if source != "" && source != prev.sourceIdentity {
				d.mu.Unlock()
				return nil, errAccessDenied("The source identity of the calling session cannot be changed: %s", prev.sourceIdentity)
			}
			source = prev.sourceIdentity
		}
	}
	d.mu.Unlock()

	packed := packedSize(in.Policy, in.PolicyARNs, tags)
	if packed > 100 {
		return nil, errPackedTooLarge(packed)
	}
	ctx := authz.NewContext().Set("sts:RoleSessionName", in.RoleSessionName)
	if in.ExternalID != "" {
		ctx.Set("sts:ExternalId", in.ExternalID)
	}
	if in.SerialNumber != "" {
		ctx.Set("aws:MultiFactorAuthPresent", "true").Set("aws:MultiFactorAuthAge", "0")
	}
	if source != "" {
		ctx.Set("sts:SourceIdentity", source)
	}
	requestTagContext(ctx, tags, transitive)
	checks := []authz.Check{{Action: "sts:AssumeRole", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx}}
	if len(tags) > 0 {
		checks = append(checks, authz.Check{Action: "sts:TagSession", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if source != "" {
		checks = append(checks, authz.Check{Action: "sts:SetSourceIdentity", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if err := d.authorize(caller, checks...); err != nil {
		return nil, err
	}
	out, _, err := d.finishRole(ref, in.RoleSessionName, issueSpec{
		duration: dur, mfa: mfa, mfaTime: mfaTime, sourceIdentity: source,
		tags: tags, transitive: transitive, policies: policies, chained: chained,
	})
	if err != nil {
		return nil, err
	}
	out.PackedPolicySize = packed
	return out, nil
}

// FederatedUser identifies a GetFederationToken session.
type FederatedUser struct {
	ARN             string // arn:aws:sts::ACCOUNT:federated-user/NAME
	FederatedUserID string // ACCOUNT:NAME
}

// GetFederationTokenInput is the input of GetFederationToken.
type GetFederationTokenInput struct {
	Name string // 2 to 32 characters of [\w+=,.@-]
	// Policy and PolicyARNs are the session policies; without them the
	// federated user has no permissions.
	Policy     string
	PolicyARNs []string
	// DurationSeconds is 900 to 129,600 (36 hours); 0 means 43,200. Root
	// user sessions are capped at 3,600.
	DurationSeconds int
	Tags            []Tag
	Region          string
}

// GetFederationTokenOutput is the result of GetFederationToken.
type GetFederationTokenOutput struct {
	Credentials      Credentials
	FederatedUser    FederatedUser
	PackedPolicySize int
}

// GetFederationToken returns credentials for a federated user, for an IAM
// user or the root user with long-term credentials. The federated user's
// permissions are the intersection of the caller's and the session
// policies: none without a session policy. It needs
// sts:GetFederationToken on the federated user's ARN.
func (d *Directory) GetFederationToken(caller *authz.Principal, in GetFederationTokenInput) (*GetFederationTokenOutput, error) {
	if caller == nil {
		return nil, errInvalidInput("no principal")
	}
	if err := checkSessionName(in.Name, "name", 32); err != nil {
		return nil, err
	}
	if err := checkSessionRequest(in.Policy, in.PolicyARNs, in.Tags, nil); err != nil {
		return nil, err
	}
	dur, err := duration(in.DurationSeconds, MaxFederationDuration, DefaultFederation)
	if err != nil {
		return nil, err
	}
	if caller.Type != authz.PrincipalUser && caller.Type != authz.PrincipalRoot {
		return nil, errAccessDenied("Cannot call GetFederationToken with session credentials")
	}
	if caller.Type == authz.PrincipalRoot && dur > RootSessionMaxDuration {
		dur = RootSessionMaxDuration
	}
	d.mu.RLock()
	if d.callerSession(caller) != nil {
		d.mu.RUnlock()
		return nil, errAccessDenied("Cannot call GetFederationToken with session credentials")
	}
	acct, err := d.accountLocked(caller.Account)
	if err == nil {
		err = d.checkRegion(acct, in.Region)
	}
	var parent string
	if err == nil && caller.Type == authz.PrincipalUser {
		var u *user
		if u, err = d.findUser(caller); err == nil {
			parent = u.id
		}
	}
	var policies *authz.PolicyList
	if err == nil {
		policies, err = d.sessionPolicies(acct, in.Policy, in.PolicyARNs)
	}
	d.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	packed := packedSize(in.Policy, in.PolicyARNs, in.Tags)
	if packed > 100 {
		return nil, errPackedTooLarge(packed)
	}
	fedARN := d.arn("sts", caller.Account, "federated-user/"+in.Name)
	ctx := authz.NewContext()
	requestTagContext(ctx, in.Tags, nil)
	checks := []authz.Check{{Action: "sts:GetFederationToken", Resource: fedARN, Context: ctx}}
	if len(in.Tags) > 0 {
		checks = append(checks, authz.Check{Action: "sts:TagSession", Resource: fedARN, Context: ctx})
	}
	if err := d.authorize(caller, checks...); err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if parent != "" {
		if _, ok := d.byUnique[parent]; !ok {
			return nil, errInvalidClientToken()
		}
	}
	s, err := d.issue(issueSpec{
		kind: kindFederated,
		principal: authz.Principal{
			Type: authz.PrincipalFederatedUser, ARN: fedARN, Account: caller.Account,
			ParentUserARN: caller.ARN, UserID: caller.Account + ":" + in.Name,
		},
		parent: parent, duration: dur, tags: slices.Clone(in.Tags), policies: policies,
	})
	if err != nil {
		return nil, err
	}
	return &GetFederationTokenOutput{
		Credentials:      s.credentials(),
		FederatedUser:    FederatedUser{ARN: fedARN, FederatedUserID: s.principal.UserID},
		PackedPolicySize: packed,
	}, nil
}

// GetSessionTokenInput is the input of GetSessionToken.
type GetSessionTokenInput struct {
	// DurationSeconds is 900 to 129,600; 0 means 43,200 for IAM users and
	// 3,600 for the root user, whose sessions last at most 3,600.
	DurationSeconds int
	SerialNumber    string
	TokenCode       string
	Region          string
}

// GetSessionToken returns temporary credentials for an IAM user or the
// root user, MFA-authenticated when SerialNumber and TokenCode are given.
// It needs no permission: IAM policies cannot control it.
func (d *Directory) GetSessionToken(caller *authz.Principal, in GetSessionTokenInput) (Credentials, error) {
	if caller == nil {
		return Credentials{}, errInvalidInput("no principal")
	}
	if err := checkMFAInput(in.SerialNumber, in.TokenCode); err != nil {
		return Credentials{}, err
	}
	def := DefaultFederation
	if caller.Type == authz.PrincipalRoot {
		def = RootSessionMaxDuration
	}
	dur, err := duration(in.DurationSeconds, MaxFederationDuration, def)
	if err != nil {
		return Credentials{}, err
	}
	if caller.Type != authz.PrincipalUser && caller.Type != authz.PrincipalRoot {
		return Credentials{}, errAccessDenied("Cannot call GetSessionToken with session credentials")
	}
	if caller.Type == authz.PrincipalRoot && dur > RootSessionMaxDuration {
		dur = RootSessionMaxDuration
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.callerSession(caller) != nil {
		return Credentials{}, errAccessDenied("Cannot call GetSessionToken with session credentials")
	}
	acct, err := d.accountLocked(caller.Account)
	if err != nil {
		return Credentials{}, err
	}
	if err := d.checkRegion(acct, in.Region); err != nil {
		return Credentials{}, err
	}
	p := acct.rootPrincipal(d)
	parent := ""
	if caller.Type == authz.PrincipalUser {
		u, err := d.findUser(caller)
		if err != nil {
			return Credentials{}, err
		}
		p, parent = d.userPrincipal(u), u.id
	}
	now := d.now()
	spec := issueSpec{kind: kindSessionToken, principal: p, parent: parent, duration: dur}
	if in.SerialNumber != "" {
		if err := d.mfaForCaller(caller, in.SerialNumber, in.TokenCode, now); err != nil {
			return Credentials{}, err
		}
		spec.mfa, spec.mfaTime = true, now
	}
	s, err := d.issue(spec)
	if err != nil {
		return Credentials{}, err
	}
	return s.credentials(), nil
}

func (acct *account) rootPrincipal(d *Directory) authz.Principal {
	return (&Account{d: d, id: acct.id}).Root()
}

// CallerIdentity is the result of GetCallerIdentity.
type CallerIdentity struct {
	UserID  string
	Account string
	ARN     string
}

// GetCallerIdentity returns who the caller is. It needs no permission and
// works even when a policy denies everything.
func (d *Directory) GetCallerIdentity(caller *authz.Principal) (CallerIdentity, error) {
	if caller == nil {
		return CallerIdentity{}, errInvalidInput("no principal")
	}
	return CallerIdentity{UserID: caller.UserID, Account: caller.Account, ARN: caller.ARN}, nil
}

// GetAccessKeyInfo returns the account an access key id belongs to
// (sts:GetAccessKeyInfo, which the caller needs permission for).
func (d *Directory) GetAccessKeyInfo(caller *authz.Principal, accessKeyID string) (string, error) {
	if caller == nil {
		return "", errInvalidInput("no principal")
	}
	if n := len(accessKeyID); n < 16 || n > 128 {
		return "", errValidation(accessKeyID, "accessKeyId", lengthConstraint(16, 128, n))
	}
	if err := d.authorize(caller, authz.Check{Action: "sts:GetAccessKeyInfo", Resource: "*"}); err != nil {
		return "", err
	}
	acct, ok := AccountOfAccessKey(accessKeyID)
	if !ok {
		return "", errInvalidInput("The access key id %s is not valid.", accessKeyID)
	}
	return acct, nil
}

// optInRegions are the regions AWS disables by default; STS is active in
// every other region unless deactivated.
var optInRegions = map[string]bool{
	"af-south-1": true, "ap-east-1": true, "ap-east-2": true, "ap-south-2": true, "ap-southeast-3": true,
	"ap-southeast-4": true, "ap-southeast-5": true, "ap-southeast-6": true, "ap-southeast-7": true,
	"ca-west-1": true, "eu-central-2": true, "eu-south-1": true, "eu-south-2": true, "il-central-1": true,
	"me-central-1": true, "me-south-1": true, "mx-central-1": true,
}

func (acct *account) stsActive(region string) bool {
	if v, ok := acct.stsRegionActive[region]; ok {
		return v
	}
	return !optInRegions[region]
}

// SetSTSRegionActive activates or deactivates STS in a region for the
// account (IAM's account settings; opt-in regions start inactive).
func (a *Account) SetSTSRegionActive(region string, active bool) error {
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	if acct.stsRegionActive == nil {
		acct.stsRegionActive = make(map[string]bool)
	}
	acct.stsRegionActive[region] = active
	return nil
}

// STSRegionActive reports whether STS issues credentials in a region for
// the account.
func (a *Account) STSRegionActive(region string) bool {
	acct, err := a.rlock()
	if err != nil {
		return false
	}
	defer a.runlock()
	return acct.stsActive(region)
}
