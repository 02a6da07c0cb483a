package authn

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// TestSnapshotKnowsEveryField fails when a field is added to a type the
// snapshot carries: Snapshot and Restore must learn the new field (or it
// must be listed here as derived), and then this list.
func TestSnapshotKnowsEveryField(t *testing.T) {
	known := map[reflect.Type]string{
		reflect.TypeFor[Directory]():       "partition now ids authorizer iterations mu accounts keys sessions expiring byUnique instances gen",
		reflect.TypeFor[account]():         "id email created root passwordPolicy users groups roles policies profiles mfa oidc saml stsRegionActive alias rootCtx",
		reflect.TypeFor[rootUser]():        "password mfa keys",
		reflect.TypeFor[user]():            "acct name path id created tags boundary login keys groups attached inline mfa cache",
		reflect.TypeFor[loginProfile]():    "hash previous created resetRequired lastUsed",
		reflect.TypeFor[passwordHash]():    "salt sum iter",
		reflect.TypeFor[group]():           "acct name path id created members attached inline",
		reflect.TypeFor[role]():            "acct name path id created description trustDoc trust maxSession boundary tags attached inline profiles service lastUsed cache",
		reflect.TypeFor[inlinePolicy]():    "name doc parsed size",
		reflect.TypeFor[instanceProfile](): "acct name path id created role tags",
		reflect.TypeFor[managedPolicy]():   "acct name path id description created updated versions def next attachments tags",
		reflect.TypeFor[policyVersion]():   "id doc parsed created",
		reflect.TypeFor[accessKey]():       "id secret acct user active created lastUsed",
		reflect.TypeFor[mfaDevice]():       "serial seed user root enabled tags last",
		reflect.TypeFor[oidcProvider]():    "arn url clients thumbprints created tags keys",
		reflect.TypeFor[samlProvider]():    "arn name entityID metadata created tags",
		reflect.TypeFor[jwk]():             "kid alg pub",
		reflect.TypeFor[session](): "kind akid secret token principal parent issued expires mfa mfaTime sourceIdentity tags " +
			"transitive policies chained provider instance heapIndex ctx",
		reflect.TypeFor[instance]():        "id account profile tokens creds",
		reflect.TypeFor[authz.Principal](): "Type ARN Account RoleARN ParentUserARN UniqueID UserID UserName Service Provider CanonicalUser ServiceLinked AccessKeyID Environment",
		reflect.TypeFor[PasswordPolicy](): "MinimumPasswordLength RequireSymbols RequireNumbers RequireUppercaseCharacters RequireLowercaseCharacters " +
			"AllowUsersToChangePassword MaxPasswordAge PasswordReusePrevention HardExpiry",
	}
	for typ, list := range known {
		var fields []string
		for f := range typ.Fields() {
			fields = append(fields, f.Name)
		}
		if want := strings.Fields(list); !slices.Equal(fields, want) {
			t.Errorf("%v has fields %v; the snapshot knows %v", typ, fields, want)
		}
	}
}
