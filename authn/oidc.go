package authn

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// IAM quotas of OpenID Connect providers.
const (
	MaxClientIDsPerProvider   = 100
	MaxThumbprintsPerProvider = 5
)

// OpenIDConnectProvider describes an IAM OIDC identity provider.
type OpenIDConnectProvider struct {
	ARN            string // arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH
	URL            string // https://HOST/PATH
	ClientIDs      []string
	ThumbprintList []string
	CreateDate     time.Time
	Tags           []Tag
	// Keys is the number of signing keys registered with
	// SetOpenIDConnectProviderKeys.
	Keys int
}

type oidcProvider struct {
	arn, url    string
	clients     []string
	thumbprints []string
	created     time.Time
	tags        []Tag
	keys        *JWKS
}

func (p *oidcProvider) view() OpenIDConnectProvider {
	return OpenIDConnectProvider{
		ARN: p.arn, URL: p.url, ClientIDs: slices.Clone(p.clients), ThumbprintList: slices.Clone(p.thumbprints),
		CreateDate: p.created, Tags: slices.Clone(p.tags), Keys: p.keys.Len(),
	}
}

// providerKey is the provider's URL without its scheme: the last part of
// its ARN and the prefix of its condition keys (HOST/PATH:aud).
func providerKey(u string) string {
	return strings.TrimSuffix(strings.TrimPrefix(u, "https://"), "/")
}

func checkThumbprints(list []string) error {
	if len(list) > MaxThumbprintsPerProvider {
		return errLimit("ThumbprintsPerOpenIdConnectProvider", MaxThumbprintsPerProvider)
	}
	for _, t := range list {
		if len(t) != 40 {
			return errValidation(t, "thumbprintList.member", lengthConstraint(40, 40, len(t)))
		}
		for i := 0; i < len(t); i++ {
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(t[i])) {
				return errInvalidInput("Thumbprint %s is not a hexadecimal string.", t)
			}
		}
	}
	return nil
}

func checkClientIDs(list []string) error {
	if len(list) > MaxClientIDsPerProvider {
		return errLimit("ClientIdsPerOpenIdConnectProvider", MaxClientIDsPerProvider)
	}
	for _, c := range list {
		if n := len(c); n < 1 || n > 255 {
			return errValidation(c, "clientIDList.member", lengthConstraint(1, 255, n))
		}
	}
	return nil
}

// CreateOpenIDConnectProvider registers an OIDC identity provider by its
// issuer URL (https://...), the client ids (audiences) it issues tokens
// for, and the thumbprints of its TLS certificates (kept, not checked:
// the model makes no TLS connection).
//
// The model does not fetch the provider's signing keys from its
// jwks_uri; register them with [Account.SetOpenIDConnectProviderKeys].
func (a *Account) CreateOpenIDConnectProvider(providerURL string, clientIDs, thumbprints []string, tags []Tag) (OpenIDConnectProvider, error) {
	if n := len(providerURL); n < 1 || n > 255 {
		return OpenIDConnectProvider{}, errValidation(providerURL, "url", lengthConstraint(1, 255, n))
	}
	u, err := url.Parse(providerURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return OpenIDConnectProvider{}, errInvalidInput("Invalid Openid Connect Provider URL")
	}
	if err := checkClientIDs(clientIDs); err != nil {
		return OpenIDConnectProvider{}, err
	}
	if err := checkThumbprints(thumbprints); err != nil {
		return OpenIDConnectProvider{}, err
	}
	if err := checkTags(tags, "tags", MaxTagsPerEntity); err != nil {
		return OpenIDConnectProvider{}, err
	}
	acct, err := a.lock()
	if err != nil {
		return OpenIDConnectProvider{}, err
	}
	defer a.unlock()
	arn := a.d.arn("iam", acct.id, "oidc-provider/"+providerKey(providerURL))
	if _, ok := acct.oidc[arn]; ok {
		return OpenIDConnectProvider{}, errAlreadyExists("Provider with url %s already exists.", providerURL)
	}
	p := &oidcProvider{
		arn: arn, url: "https://" + providerKey(providerURL), clients: slices.Clone(clientIDs),
		thumbprints: slices.Clone(thumbprints), created: a.d.now(), tags: slices.Clone(tags),
	}
	acct.oidc[arn] = p
	return p.view(), nil
}

func (acct *account) oidcProvider(arn string) (*oidcProvider, error) {
	p, ok := acct.oidc[arn]
	if !ok {
		return nil, errNoSuchEntity("OpenIDConnect Provider not found for arn %s", arn)
	}
	return p, nil
}

// GetOpenIDConnectProvider returns a provider.
func (a *Account) GetOpenIDConnectProvider(arn string) (OpenIDConnectProvider, error) {
	return read(a, (*account).oidcProvider, arn, func(_ *account, p *oidcProvider) (OpenIDConnectProvider, error) {
		return p.view(), nil
	})
}

// DeleteOpenIDConnectProvider removes a provider.
func (a *Account) DeleteOpenIDConnectProvider(arn string) error {
	return update(a, (*account).oidcProvider, arn, func(acct *account, _ *oidcProvider) error {
		delete(acct.oidc, arn)
		return nil
	})
}

// AddClientIDToOpenIDConnectProvider adds an audience to a provider.
func (a *Account) AddClientIDToOpenIDConnectProvider(arn, clientID string) error {
	if err := checkClientIDs([]string{clientID}); err != nil {
		return err
	}
	return update(a, (*account).oidcProvider, arn, func(_ *account, p *oidcProvider) error {
		if slices.Contains(p.clients, clientID) {
			return nil
		}
		if len(p.clients) >= MaxClientIDsPerProvider {
			return errLimit("ClientIdsPerOpenIdConnectProvider", MaxClientIDsPerProvider)
		}
		p.clients = append(p.clients, clientID)
		return nil
	})
}

// RemoveClientIDFromOpenIDConnectProvider removes an audience.
func (a *Account) RemoveClientIDFromOpenIDConnectProvider(arn, clientID string) error {
	return update(a, (*account).oidcProvider, arn, func(_ *account, p *oidcProvider) error {
		p.clients = slices.DeleteFunc(p.clients, func(c string) bool { return c == clientID })
		return nil
	})
}

// UpdateOpenIDConnectProviderThumbprint replaces the thumbprint list.
func (a *Account) UpdateOpenIDConnectProviderThumbprint(arn string, thumbprints []string) error {
	if err := checkThumbprints(thumbprints); err != nil {
		return err
	}
	return update(a, (*account).oidcProvider, arn, func(_ *account, p *oidcProvider) error {
		p.thumbprints = slices.Clone(thumbprints)
		return nil
	})
}

// SetOpenIDConnectProviderKeys registers the provider's signing keys as
// the JSON Web Key Set its jwks_uri would serve. AWS fetches the keys
// itself; this model takes them instead, and verifies tokens only against
// registered keys.
func (a *Account) SetOpenIDConnectProviderKeys(arn string, jwks []byte) error {
	set, err := ParseJWKS(jwks)
	if err != nil {
		return errInvalidInput("The JSON Web Key Set is not valid.")
	}
	acct, err := a.lock()
	if err != nil {
		return err
	}
	defer a.unlock()
	p, err := acct.oidcProvider(arn)
	if err != nil {
		return err
	}
	p.keys = set
	return nil
}

// AssumeRoleWithWebIdentityInput is the input of AssumeRoleWithWebIdentity.
type AssumeRoleWithWebIdentityInput struct {
	RoleARN          string
	RoleSessionName  string
	WebIdentityToken string // an OIDC ID token (JWT, RS256 or ES256)
	Policy           string
	PolicyARNs       []string
	DurationSeconds  int
	Region           string
}

// AssumeRoleWithWebIdentityOutput is the result of
// AssumeRoleWithWebIdentity.
type AssumeRoleWithWebIdentityOutput struct {
	AssumeRoleOutput
	SubjectFromWebIdentityToken string
	Audience                    string
	Provider                    string // the issuer without "https://"
}

// webIdentityClaims are the AWS session claims a token may carry.
const (
	claimTags           = "https://aws.amazon.com/tags"
	claimSourceIdentity = "https://aws.amazon.com/source_identity"
)

// AssumeRoleWithWebIdentity exchanges an OIDC ID token for a role session.
// The request is not signed: the token is the credential. The token's
// issuer must be an OIDC provider registered in the role's account, its
// signature must verify with the provider's registered keys, its audience
// must be one of the provider's client ids, and the injected clock must be
// within nbf..exp. The trust policy is evaluated for
// sts:AssumeRoleWithWebIdentity with the condition keys HOST/PATH:aud,
// HOST/PATH:sub and HOST/PATH:amr and aws:FederatedProvider. Session tags
// and a source identity may come in the claims
// "https://aws.amazon.com/tags" ({"principal_tags":{"k":["v"]},
// "transitive_tag_keys":["k"]}) and "https://aws.amazon.com/source_identity".
func (d *Directory) AssumeRoleWithWebIdentity(in AssumeRoleWithWebIdentityInput) (*AssumeRoleWithWebIdentityOutput, error) {
	if err := checkRoleARN(in.RoleARN); err != nil {
		return nil, err
	}
	if err := checkSessionName(in.RoleSessionName, "roleSessionName", 64); err != nil {
		return nil, err
	}
	if n := len(in.WebIdentityToken); n < 4 || n > MaxWebIdentityTokenSize {
		return nil, errValidation("***", "webIdentityToken", lengthConstraint(4, MaxWebIdentityTokenSize, n))
	}
	if err := checkSessionRequest(in.Policy, in.PolicyARNs, nil, nil); err != nil {
		return nil, err
	}
	dur, err := duration(in.DurationSeconds, MaxRoleSessionDuration, DefaultSessionDuration)
	if err != nil {
		return nil, err
	}
	tok, err := ParseJWT(in.WebIdentityToken)
	if err != nil {
		return nil, errInvalidIdentityToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
	}
	iss, _ := tok.String("iss")
	if iss == "" {
		return nil, errInvalidIdentityToken("Missing a required claim: iss")
	}
	denied := errAccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")

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
	var prov *oidcProvider
	for _, p := range ref.acct.oidc {
		if p.url == strings.TrimSuffix(iss, "/") {
			prov = p
			break
		}
	}
	if prov == nil {
		d.mu.RUnlock()
		return nil, errInvalidIdentityToken("No OpenIDConnect provider found in your account for %s", iss)
	}
	provARN, keys, clients := prov.arn, prov.keys, slices.Clone(prov.clients)
	policies, err := d.sessionPolicies(ref.acct, in.Policy, in.PolicyARNs)
	now := d.now()
	d.mu.RUnlock()
	if err != nil {
		return nil, err
	}

	if err := tok.Verify(keys); err != nil {
		if errors.Is(err, ErrJWTNoKey) {
			return nil, errInvalidIdentityToken("Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements")
		}
		return nil, errInvalidIdentityToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.")
	}
	auds := tok.Strings("aud")
	if len(auds) == 0 {
		return nil, errInvalidIdentityToken("Missing a required claim: aud")
	}
	aud := ""
	for _, a := range auds {
		if slices.Contains(clients, a) {
			aud = a
			break
		}
	}
	if aud == "" {
		return nil, errInvalidIdentityToken("Incorrect token audience")
	}
	sub, _ := tok.String("sub")
	if sub == "" {
		return nil, errInvalidIdentityToken("Missing a required claim: sub")
	}
	exp, ok := tok.Time("exp")
	if !ok {
		return nil, errInvalidIdentityToken("Missing a required claim: exp")
	}
	if !now.Before(exp) {
		return nil, errExpiredTokenException("Token expired: current date/time %d must be before the expiration date/time %d", now.Unix(), exp.Unix())
	}
	if nbf, ok := tok.Time("nbf"); ok && now.Before(nbf) {
		return nil, errInvalidIdentityToken("Token is not valid yet: current date/time %d must be after the not-before date/time %d", now.Unix(), nbf.Unix())
	}
	tags, transitive, source, err := webIdentitySessionClaims(tok)
	if err != nil {
		return nil, err
	}
	packed := packedSize(in.Policy, in.PolicyARNs, tags)
	if packed > 100 {
		return nil, errPackedTooLarge(packed)
	}

	key := providerKey(iss)
	ctx := authz.NewContext().
		Set(key+":aud", aud).
		Set(key+":sub", sub).
		Set("aws:FederatedProvider", provARN).
		Set("sts:RoleSessionName", in.RoleSessionName)
	if amr := tok.Strings("amr"); amr != nil {
		ctx.SetMulti(key+":amr", amr...)
	}
	if source != "" {
		ctx.Set("sts:SourceIdentity", source)
	}
	requestTagContext(ctx, tags, transitive)
	caller := &authz.Principal{Type: authz.PrincipalWebIdentity, Provider: provARN}
	checks := []authz.Check{{Action: "sts:AssumeRoleWithWebIdentity", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx}}
	if len(tags) > 0 {
		checks = append(checks, authz.Check{Action: "sts:TagSession", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if source != "" {
		checks = append(checks, authz.Check{Action: "sts:SetSourceIdentity", Resource: ref.arn, ResourceAccount: ref.acct.id, ResourcePolicy: ref.trust, Context: ctx})
	}
	if err := d.authorize(caller, checks...); err != nil {
		if errors.Is(err, ErrAccessDenied) {
			return nil, denied
		}
		return nil, err
	}
	if dur > ref.max {
		return nil, errValidationMsg("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}
	out, _, err := d.finishRole(ref, in.RoleSessionName, issueSpec{
		duration: dur, sourceIdentity: source, tags: tags, transitive: transitive, policies: policies, provider: provARN,
	})
	if err != nil {
		return nil, err
	}
	out.PackedPolicySize = packed
	return &AssumeRoleWithWebIdentityOutput{
		AssumeRoleOutput: *out, SubjectFromWebIdentityToken: sub, Audience: aud, Provider: key,
	}, nil
}

// webIdentitySessionClaims reads the session tags and source identity a
// token carries.
func webIdentitySessionClaims(tok *JWT) (tags []Tag, transitive []string, source string, err error) {
	bad := errInvalidIdentityToken("The session tags claim of the web identity token is not valid.")
	if v, ok := tok.Claims[claimTags]; ok {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil, "", bad
		}
		if pt, ok := m["principal_tags"]; ok {
			pm, ok := pt.(map[string]any)
			if !ok {
				return nil, nil, "", bad
			}
			keys := make([]string, 0, len(pm))
			for k := range pm {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				var val string
				switch x := pm[k].(type) {
				case string:
					val = x
				case []any:
					if len(x) != 1 {
						return nil, nil, "", bad
					}
					s, ok := x[0].(string)
					if !ok {
						return nil, nil, "", bad
					}
					val = s
				default:
					return nil, nil, "", bad
				}
				tags = append(tags, Tag{Key: k, Value: val})
			}
		}
		if tt, ok := m["transitive_tag_keys"]; ok {
			list, ok := tt.([]any)
			if !ok {
				return nil, nil, "", bad
			}
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return nil, nil, "", bad
				}
				transitive = append(transitive, s)
			}
		}
		if err := checkSessionRequest("", nil, tags, transitive); err != nil {
			return nil, nil, "", err
		}
	}
	if v, ok := tok.Claims[claimSourceIdentity]; ok {
		s, ok := v.(string)
		if !ok {
			return nil, nil, "", bad
		}
		if err := checkSourceIdentity(s); err != nil {
			return nil, nil, "", err
		}
		source = s
	}
	return tags, transitive, source, nil
}
