package story_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	i2types "github.com/aws/aws-sdk-go-v2/service/inspector2/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

const issuer = "https://token.actions.example.com"

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// mintJWT signs claims with key as an RS256 JWT with key id kid.
func mintJWT(t testing.TB, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	hb, err := json.Marshal(map[string]any{"alg": "RS256", "kid": kid, "typ": "JWT"})
	ok(t, err)
	pb, err := json.Marshal(claims)
	ok(t, err)
	input := b64(hb) + "." + b64(pb)
	digest := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	ok(t, err)
	return input + "." + b64(sig)
}

// webIdentity: an OIDC provider registered in the workloads account with
// keys minted here; a role trusting its tokens for one repository; a JWT
// exchanged through the SDK's unsigned AssumeRoleWithWebIdentity; the
// session may list findings and may not create filters.
func (s *orgStory) webIdentity(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	ok(t, err)
	// The workloads account's root registers the provider and the role
	// through IAM; the provider's keys, which AWS would fetch from its
	// jwks_uri, go in through the library.
	root := s.as(work + "/")
	p, err := root.iam.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{
		Url: aws.String(issuer), ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{strings.Repeat("0", 40)},
	})
	ok(t, err)
	providerARN := aws.ToString(p.OpenIDConnectProviderArn)
	if want := "arn:aws:iam::" + work + ":oidc-provider/token.actions.example.com"; providerARN != want {
		t.Errorf("provider ARN = %s, want %s", providerARN, want)
	}
	set, err := json.Marshal(map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
		"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
	}}})
	ok(t, err)
	acct, err := s.cloud.IAM().Account(work)
	ok(t, err)
	ok(t, acct.SetOpenIDConnectProviderKeys(providerARN, set))
	host := strings.TrimPrefix(issuer, "https://")
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + providerARN + `"},` +
		`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"` + host + `:aud":"sts.amazonaws.com"},"StringLike":{"` + host + `:sub":"repo:example/app:*"}}}]}`
	_, err = root.iam.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("ci"), AssumeRolePolicyDocument: aws.String(trust)})
	ok(t, err)
	_, err = root.iam.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("ci"), PolicyName: aws.String("read-findings"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["inspector2:ListFindings","inspector2:ListFindingAggregations"],"Resource":"*"}]}`)})
	ok(t, err)

	now := s.clock.Now().Unix()
	claims := func(sub string) map[string]any {
		return map[string]any{"iss": issuer, "aud": "sts.amazonaws.com", "sub": sub, "iat": now, "nbf": now - 5, "exp": now + 600}
	}
	// No credentials at all: the SDK sends the call unsigned.
	anon := s.clientsFor(regions[0], aws.AnonymousCredentials{})
	roleARN := "arn:aws:iam::" + work + ":role/ci"
	out, err := anon.sts.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(roleARN), RoleSessionName: aws.String("build-42"),
		WebIdentityToken: aws.String(mintJWT(t, key, "k1", claims("repo:example/app:ref:refs/heads/main"))),
	})
	ok(t, err)
	if aws.ToString(out.Provider) != host || aws.ToString(out.Audience) != "sts.amazonaws.com" ||
		aws.ToString(out.SubjectFromWebIdentityToken) != "repo:example/app:ref:refs/heads/main" ||
		aws.ToString(out.AssumedRoleUser.Arn) != "arn:aws:sts::"+work+":assumed-role/ci/build-42" {
		t.Errorf("AssumeRoleWithWebIdentity = provider %s audience %s subject %s user %s", aws.ToString(out.Provider), aws.ToString(out.Audience),
			aws.ToString(out.SubjectFromWebIdentityToken), aws.ToString(out.AssumedRoleUser.Arn))
	}
	c := out.Credentials
	ci := s.clientsFor(regions[0], sessionCreds(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)))
	if fs := listFindings(t, ci.insp, nil); len(fs) == 0 {
		t.Error("the web identity session lists no findings")
	}
	_, err = ci.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String("x"), Action: i2types.FilterActionNone, FilterCriteria: devCriteria})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("web identity CreateFilter: err = %v, want *i2types.AccessDeniedException", err)
	}
	if !strings.HasPrefix(ad.ErrorMessage(), "User: arn:aws:sts::"+work+":assumed-role/ci/build-42 is not authorized to perform: inspector2:CreateFilter") {
		t.Errorf("message = %q", ad.ErrorMessage())
	}

	// A token for another repository is refused by the trust policy; a
	// token signed with another key is not valid.
	_, err = anon.sts.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(roleARN), RoleSessionName: aws.String("evil"),
		WebIdentityToken: aws.String(mintJWT(t, key, "k1", claims("repo:evil/app:ref:refs/heads/main"))),
	})
	wantCode(t, err, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	ok(t, err)
	_, err = anon.sts.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(roleARN), RoleSessionName: aws.String("forged"),
		WebIdentityToken: aws.String(mintJWT(t, other, "k1", claims("repo:example/app:ref:refs/heads/main"))),
	})
	var invalid *ststypes.InvalidIdentityTokenException
	if !errors.As(err, &invalid) {
		t.Errorf("forged token: err = %v, want *types.InvalidIdentityTokenException", err)
	}
}

// instanceProfile: the SDK's ec2rolecreds provider reads the instance's
// credentials from the model's IMDS; the instance's role may read findings
// and may not create filters.
func (s *orgStory) instanceProfile(t *testing.T) {
	const instance = "i-0a1b2c3d4e5f60001" // web-1, with the web-server instance profile
	md := httptest.NewServer(s.cloud.IAM().InstanceMetadata(instance))
	t.Cleanup(md.Close)
	provider := ec2rolecreds.New(func(o *ec2rolecreds.Options) {
		o.Client = imds.New(imds.Options{Endpoint: md.URL, HTTPClient: md.Client()})
	})
	creds := aws.NewCredentialsCache(provider)
	got, err := creds.Retrieve(ctx)
	ok(t, err)
	if !strings.HasPrefix(got.AccessKeyID, "ASIA") || got.SessionToken == "" || !got.CanExpire {
		t.Errorf("instance credentials = %s, token %t, expires %t", got.AccessKeyID, got.SessionToken != "", got.CanExpire)
	}
	c := s.clientsFor(regions[0], creds)
	id, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	ok(t, err)
	if want := "arn:aws:sts::" + work + ":assumed-role/web-server/" + instance; aws.ToString(id.Arn) != want {
		t.Errorf("instance identity = %s, want %s", aws.ToString(id.Arn), want)
	}
	if fs := listFindings(t, c.insp, nil); len(fs) == 0 {
		t.Error("the instance's session lists no findings")
	}
	_, err = c.insp.CreateFilter(ctx, &inspector2.CreateFilterInput{Name: aws.String("x"), Action: i2types.FilterActionNone, FilterCriteria: devCriteria})
	var ad *i2types.AccessDeniedException
	if !errors.As(err, &ad) {
		t.Fatalf("instance CreateFilter: err = %v, want *i2types.AccessDeniedException", err)
	}
	if !strings.Contains(ad.ErrorMessage(), "assumed-role/web-server/"+instance+" is not authorized to perform: inspector2:CreateFilter") {
		t.Errorf("message = %q", ad.ErrorMessage())
	}

	// An instance without a profile has no credentials to give.
	other := httptest.NewServer(s.cloud.IAM().InstanceMetadata("i-0a1b2c3d4e5f60002"))
	t.Cleanup(other.Close)
	none := ec2rolecreds.New(func(o *ec2rolecreds.Options) {
		o.Client = imds.New(imds.Options{Endpoint: other.URL, HTTPClient: other.Client(), Retryer: aws.NopRetryer{}})
	})
	if _, err := none.Retrieve(ctx); err == nil {
		t.Error("an instance without an instance profile gave credentials")
	}
}
