package authn

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// SAMLProvider describes an IAM SAML identity provider.
type SAMLProvider struct {
	ARN        string // arn:aws:iam::ACCOUNT:saml-provider/NAME
	Name       string
	EntityID   string // the IdP's issuer, from its metadata
	CreateDate time.Time
	// ValidUntil is the metadata's validUntil, zero when it has none.
	ValidUntil time.Time
	// Metadata is the SAML metadata document the provider was created or
	// last updated with.
	Metadata string
	Tags     []Tag
}

type samlProvider struct {
	arn, name, entityID string
	metadata            string
	created             time.Time
	tags                []Tag
}

func (p *samlProvider) view() SAMLProvider {
	_, validUntil, _ := entityID(p.metadata)
	return SAMLProvider{ARN: p.arn, Name: p.name, EntityID: p.entityID, CreateDate: p.created, ValidUntil: validUntil, Metadata: p.metadata, Tags: slices.Clone(p.tags)}
}

// entityID reads the entityID and validUntil of a SAML metadata
// document's EntityDescriptor.
func entityID(metadata string) (string, time.Time, bool) {
	var doc struct {
		XMLName    xml.Name
		EntityID   string `xml:"entityID,attr"`
		ValidUntil string `xml:"validUntil,attr"`
	}
	if err := xml.Unmarshal([]byte(metadata), &doc); err != nil || doc.XMLName.Local != "EntityDescriptor" || doc.EntityID == "" {
		return "", time.Time{}, false
	}
	until, _ := time.Parse(time.RFC3339, doc.ValidUntil)
	return doc.EntityID, until.UTC(), true
}

// checkSAMLMetadata checks a metadata document as CreateSAMLProvider and
// UpdateSAMLProvider do and returns its issuer.
func checkSAMLMetadata(metadata string) (string, error) {
	if n := len(metadata); n < 1000 || n > 10_000_000 {
		return "", errValidation("...", "sAMLMetadataDocument", lengthConstraint(1000, 10_000_000, n))
	}
	issuer, _, ok := entityID(metadata)
	if !ok {
		return "", errInvalidInput("Could not parse metadata")
	}
	return issuer, nil
}

// CreateSAMLProvider registers a SAML identity provider from its metadata
// document (1,000 to 10,000,000 characters; an md:EntityDescriptor whose
// entityID is the issuer of its assertions). Signing certificates in the
// metadata are kept but not used: the model takes assertions as parsed
// fields (see [SAMLAssertion]).
func (a *Account) CreateSAMLProvider(name, metadata string, tags []Tag) (SAMLProvider, error) {
	if n := len(name); n < 1 || n > 128 {
		return SAMLProvider{}, errValidation(name, "name", lengthConstraint(1, 128, n))
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isWordChar(c) && c != '.' && c != '-' {
			return SAMLProvider{}, errValidation(name, "name", `satisfy regular expression pattern: [\w._-]+`)
		}
	}
	issuer, err := checkSAMLMetadata(metadata)
	if err != nil {
		return SAMLProvider{}, err
	}
	if err := checkTags(tags, "tags", MaxTagsPerEntity); err != nil {
		return SAMLProvider{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return SAMLProvider{}, err
	}
	defer a.unlock()
	arn := a.d.arn("iam", acct.id, "saml-provider/"+name)
	if _, ok := acct.saml[arn]; ok {
		return SAMLProvider{}, errAlreadyExists("SAMLProvider %s already exists.", name)
	}
	p := &samlProvider{arn: arn, name: name, entityID: issuer, metadata: metadata, created: a.d.now(), tags: slices.Clone(tags)}
	acct.saml[arn] = p
	return p.view(), nil
}

func (acct *account) samlProvider(arn string) (*samlProvider, error) {
	p, ok := acct.saml[arn]
	if !ok {
		return nil, errNoSuchEntity("SAMLProvider %s not found", arn)
	}
	return p, nil
}

// GetSAMLProvider returns a SAML provider.
func (a *Account) GetSAMLProvider(arn string) (SAMLProvider, error) {
	return read(a, (*account).samlProvider, arn, func(_ *account, p *samlProvider) (SAMLProvider, error) {
		return p.view(), nil
	})
}

// UpdateSAMLProvider replaces a SAML provider's metadata document (checked
// as CreateSAMLProvider checks it) and with it the issuer its assertions
// must carry.
func (a *Account) UpdateSAMLProvider(arn, metadata string) (SAMLProvider, error) {
	issuer, err := checkSAMLMetadata(metadata)
	if err != nil {
		return SAMLProvider{}, err
	}
	var out SAMLProvider
	err = update(a, (*account).samlProvider, arn, func(_ *account, p *samlProvider) error {
		p.metadata, p.entityID = metadata, issuer
		out = p.view()
		return nil
	})
	return out, err
}

// DeleteSAMLProvider removes a SAML provider.
func (a *Account) DeleteSAMLProvider(arn string) error {
	return update(a, (*account).samlProvider, arn, func(acct *account, _ *samlProvider) error {
		delete(acct.saml, arn)
		return nil
	})
}

// SAMLAssertion is a SAML 2.0 authentication response, already parsed and
// its signature already checked: the model takes these fields rather than
// the base64 XML document AWS takes, and does not verify XML signatures.
type SAMLAssertion struct {
	Issuer string // saml:iss; must be the provider's entityID
	// Audience is the assertion's AudienceRestriction (and Recipient):
	// AWS's SAML endpoint, https://signin.aws.amazon.com/saml or a
	// regional https://REGION.signin.aws.amazon.com/saml.
	Audience     string
	Subject      string // NameID: saml:sub
	SubjectType  string // "persistent", "transient" or the NameID format URI: saml:sub_type
	NotBefore    time.Time
	NotOnOrAfter time.Time
	// Roles are the values of the attribute
	// https://aws.amazon.com/SAML/Attributes/Role: "ROLE_ARN,PROVIDER_ARN".
	Roles []string
	// RoleSessionName is the attribute
	// https://aws.amazon.com/SAML/Attributes/RoleSessionName.
	RoleSessionName string
	// SessionDuration (https://aws.amazon.com/SAML/Attributes/SessionDuration)
	// caps the session, in seconds; 0 means none.
	SessionDuration int
	// SourceIdentity, PrincipalTags and TransitiveTagKeys are the
	// attributes .../SAML/Attributes/SourceIdentity, .../PrincipalTag:KEY
	// and .../TransitiveTagKeys.
	SourceIdentity    string
	PrincipalTags     []Tag
	TransitiveTagKeys []string
}

// AssumeRoleWithSAMLInput is the input of AssumeRoleWithSAML.
type AssumeRoleWithSAMLInput struct {
	RoleARN         string
	PrincipalARN    string // the saml-provider ARN
	Assertion       SAMLAssertion
	Policy          string
	PolicyARNs      []string
	DurationSeconds int
	Region          string
}

// AssumeRoleWithSAMLOutput is the result of AssumeRoleWithSAML.
type AssumeRoleWithSAMLOutput struct {
	AssumeRoleOutput
	Subject       string
	SubjectType   string
	Issuer        string
	Audience      string
	NameQualifier string
}

func samlSubjectType(t string) string {
	switch t {
	case "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent":
		return "persistent"
	case "urn:oasis:names:tc:SAML:2.0:nameid-format:transient":
		return "transient"
	}
	return t
}

// validSAMLAudience accepts AWS's sign-in SAML endpoints.
func (d *Directory) validSAMLAudience(aud string) bool {
	host := "signin.aws.amazon.com"
	switch d.partition {
	case "aws-cn":
		host = "signin.amazonaws.cn"
	case "aws-us-gov":
		host = "signin.amazonaws-us-gov.com"
	}
	rest, ok := strings.CutPrefix(aud, "https://")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, "/saml")
	if !ok {
		return false
	}
	if rest == host {
		return true
	}
	region, ok := strings.CutSuffix(rest, "."+host)
	return ok && region != "" && !strings.ContainsAny(region, "./")
}

// AssumeRoleWithSAML exchanges a SAML assertion from a registered SAML
// provider of the role's account for a role session. The assertion's
// issuer must be the provider's entityID, its audience AWS's SAML
// endpoint, the injected clock within NotBefore..NotOnOrAfter, and its
// Role attribute must pair the role with the provider. The trust policy
// is evaluated for sts:AssumeRoleWithSAML with saml:aud, saml:iss,
// saml:sub, saml:sub_type, saml:namequalifier and aws:FederatedProvider.
func (d *Directory) AssumeRoleWithSAML(in AssumeRoleWithSAMLInput) (*AssumeRoleWithSAMLOutput, error) {
	as := in.Assertion
	if err := checkRoleARN(in.RoleARN); err != nil {
		return nil, err
	}
	if n := len(in.PrincipalARN); n < 20 || n > 2048 {
		return nil, errValidation(in.PrincipalARN, "principalArn", lengthConstraint(20, 2048, n))
	}
	if err := checkSessionRequest(in.Policy, in.PolicyARNs, as.PrincipalTags, as.TransitiveTagKeys); err != nil {
		return nil, err
	}
	dur, err := duration(in.DurationSeconds, MaxRoleSessionDuration, DefaultSessionDuration)
	if err != nil {
		return nil, err
	}
	if err := checkSessionName(as.RoleSessionName, "roleSessionName", 64); err != nil {
		return nil, errInvalidIdentityToken("RoleSessionName in the SAML assertion is not valid.")
	}
	if err := checkSourceIdentity(as.SourceIdentity); err != nil {
		return nil, err
	}
	denied := errAccessDenied("Not authorized to perform sts:AssumeRoleWithSAML")

	d.mu.RLock()
	ref, ok := d.findRoleByARN(in.RoleARN)
	if !ok {
		d.mu.RUnlock()
		return nil, denied
	}
	if err := d.checkRegion(ref.acct, in.Region); err != nil {
		d.mu.RUnlock()
		return nil, err
	}
	prov, ok := ref.acct.saml[in.PrincipalARN]
	if !ok {
		d.mu.RUnlock()
		return nil, errInvalidIdentityToken("Specified provider doesn't exist.")
	}
	entity, provName := prov.entityID, prov.name
	policies, err := d.sessionPolicies(ref.acct, in.Policy, in.PolicyARNs)
	now := d.now()
	d.mu.RUnlock()
	if err != nil {
		return nil, err
	}

	if as.Issuer != entity {
		return nil, errInvalidIdentityToken("Issuer %s of the SAML assertion does not match the provider's entity id.", as.Issuer)
	}
	if !d.validSAMLAudience(as.Audience) {
		return nil, errInvalidIdentityToken("Audience %s of the SAML assertion is not a valid AWS SAML endpoint.", as.Audience)
	}
	if as.NotOnOrAfter.IsZero() || !now.Before(as.NotOnOrAfter) {
		return nil, errExpiredTokenException("The SAML assertion has expired: NotOnOrAfter %s", as.NotOnOrAfter.UTC().Format(time.RFC3339))
	}
	if !as.NotBefore.IsZero() && now.Before(as.NotBefore) {
		return nil, errInvalidIdentityToken("The SAML assertion is not yet valid: NotBefore %s", as.NotBefore.UTC().Format(time.RFC3339))
	}
	paired := slices.ContainsFunc(as.Roles, func(v string) bool {
		a, b, ok := strings.Cut(v, ",")
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
		return ok && (a == ref.arn && b == in.PrincipalARN || a == in.PrincipalARN && b == ref.arn)
	})
	if !paired {
		return nil, errIDPRejected("The SAML assertion's Role attribute does not pair %s with %s.", ref.arn, in.PrincipalARN)
	}
	if as.SessionDuration > 0 {
		if as.SessionDuration < 900 || as.SessionDuration > 43200 {
			return nil, errInvalidIdentityToken("SessionDuration in the SAML assertion is not valid.")
		}
		if in.DurationSeconds == 0 {
			dur = time.Duration(as.SessionDuration) * time.Second
		}
	}
	if dur > ref.max {
		return nil, errValidationMsg("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	tags, transitive := slices.Clone(as.PrincipalTags), slices.Clone(as.TransitiveTagKeys)
	packed := packedSize(in.Policy, in.PolicyARNs, tags)
	if packed > 100 {
		return nil, errPackedTooLarge(packed)
	}
	subType := samlSubjectType(as.SubjectType)
	sum := sha1.Sum([]byte(as.Issuer + ref.acct.id + "/" + provName))
	qualifier := base64.StdEncoding.EncodeToString(sum[:])
	ctx := authz.NewContext().
		Set("saml:aud", as.Audience).
		Set("saml:iss", as.Issuer).
		Set("saml:sub", as.Subject).
		Set("saml:sub_type", subType).
		Set("saml:namequalifier", qualifier).
		Set("aws:FederatedProvider", in.PrincipalARN).
		Set("sts:RoleSessionName", as.RoleSessionName)
	if as.SourceIdentity != "" {
		ctx.Set("sts:SourceIdentity", as.SourceIdentity)
	}
	requestTagContext(ctx, tags, transitive)
	caller := &authz.Principal{Type: authz.PrincipalWebIdentity, Provider: in.PrincipalARN}
	checks := []authz.Check{{Action: "sts:AssumeRoleWithSAML", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx}}
	if len(tags) > 0 {
		checks = append(checks, authz.Check{Action: "sts:TagSession", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if as.SourceIdentity != "" {
		checks = append(checks, authz.Check{Action: "sts:SetSourceIdentity", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if err := d.authorize(caller, checks...); err != nil {
		if errors.Is(err, ErrAccessDenied) {
			return nil, denied
		}
		return nil, err
	}
	out, _, err := d.finishRole(ref, as.RoleSessionName, issueSpec{
		duration: dur, sourceIdentity: as.SourceIdentity, tags: tags, transitive: transitive,
		policies: policies, provider: in.PrincipalARN,
	})
	if err != nil {
		return nil, err
	}
	out.PackedPolicySize = packed
	return &AssumeRoleWithSAMLOutput{
		AssumeRoleOutput: *out, Subject: as.Subject, SubjectType: subType, Issuer: as.Issuer,
		Audience: as.Audience, NameQualifier: qualifier,
	}, nil
}
