package authn_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authn"
)

// taggable is one kind of resource with tags: how to make one, tag and
// untag it, and read its tags back.
type taggable struct {
	kind   string
	quota  string
	create func(a *authn.Account, tags []authn.Tag) (string, error)
	tag    func(a *authn.Account, id string, tags []authn.Tag) error
	untag  func(a *authn.Account, id string, keys []string) error
	get    func(a *authn.Account, id string) ([]authn.Tag, error)
}

func samlMeta(issuer string) string {
	return strings.Replace(samlMetadata, "https://idp.corp.example/saml", issuer, 1) + "<!--" + strings.Repeat(" ", 1000) + "-->"
}

var taggables = []taggable{
	{
		kind: "policy", quota: "TagsPerPolicy",
		create: func(a *authn.Account, tags []authn.Tag) (string, error) {
			p, err := a.CreatePolicy(authn.CreatePolicyInput{PolicyName: "p", PolicyDocument: allowAll, Tags: tags})
			return p.ARN, err
		},
		tag:   (*authn.Account).TagPolicy,
		untag: (*authn.Account).UntagPolicy,
		get: func(a *authn.Account, id string) ([]authn.Tag, error) {
			p, err := a.GetPolicy(id)
			return p.Tags, err
		},
	},
	{
		kind: "instance profile", quota: "TagsPerInstanceProfile",
		create: func(a *authn.Account, tags []authn.Tag) (string, error) {
			p, err := a.CreateInstanceProfile("/", "web", tags)
			return p.InstanceProfileName, err
		},
		tag:   (*authn.Account).TagInstanceProfile,
		untag: (*authn.Account).UntagInstanceProfile,
		get: func(a *authn.Account, id string) ([]authn.Tag, error) {
			p, err := a.GetInstanceProfile(id)
			return p.Tags, err
		},
	},
	{
		kind: "virtual MFA device", quota: "TagsPerMFADevice",
		create: func(a *authn.Account, tags []authn.Tag) (string, error) {
			d, err := a.CreateVirtualMFADevice("/", "phone", tags...)
			return d.SerialNumber, err
		},
		tag:   (*authn.Account).TagMFADevice,
		untag: (*authn.Account).UntagMFADevice,
		get: func(a *authn.Account, id string) ([]authn.Tag, error) {
			d, err := a.GetVirtualMFADevice(id)
			return d.Tags, err
		},
	},
	{
		kind: "OIDC provider", quota: "TagsPerOpenIDConnectProvider",
		create: func(a *authn.Account, tags []authn.Tag) (string, error) {
			p, err := a.CreateOpenIDConnectProvider("https://token.example.com", []string{"sts.amazonaws.com"}, nil, tags)
			return p.ARN, err
		},
		tag:   (*authn.Account).TagOpenIDConnectProvider,
		untag: (*authn.Account).UntagOpenIDConnectProvider,
		get: func(a *authn.Account, id string) ([]authn.Tag, error) {
			p, err := a.GetOpenIDConnectProvider(id)
			return p.Tags, err
		},
	},
	{
		kind: "SAML provider", quota: "TagsPerSAMLProvider",
		create: func(a *authn.Account, tags []authn.Tag) (string, error) {
			p, err := a.CreateSAMLProvider("corp", samlMeta("https://idp.example/saml"), tags)
			return p.ARN, err
		},
		tag:   (*authn.Account).TagSAMLProvider,
		untag: (*authn.Account).UntagSAMLProvider,
		get: func(a *authn.Account, id string) ([]authn.Tag, error) {
			p, err := a.GetSAMLProvider(id)
			return p.Tags, err
		},
	},
}

func nTags(prefix string, n int) []authn.Tag {
	out := make([]authn.Tag, n)
	for i := range out {
		out[i] = authn.Tag{Key: fmt.Sprintf("%s%02d", prefix, i), Value: "v"}
	}
	return out
}

// TestTagResources checks every taggable kind the same way: create with
// tags, tag (a key matched case-insensitively is replaced), untag, the
// 50-tag quota, the tag rules, and NoSuchEntity.
func TestTagResources(t *testing.T) {
	for _, k := range taggables {
		t.Run(k.kind, func(t *testing.T) {
			w := newWorld(t)
			id := must[string](t)(k.create(w.a, []authn.Tag{{Key: "team", Value: "blue"}}))
			ok(t, k.tag(w.a, id, []authn.Tag{{Key: "TEAM", Value: "red"}, {Key: "env", Value: ""}}))
			got := must[[]authn.Tag](t)(k.get(w.a, id))
			if diff := cmp.Diff([]authn.Tag{{Key: "TEAM", Value: "red"}, {Key: "env", Value: ""}}, got); diff != "" {
				t.Errorf("tags after TagX (-want +got):\n%s", diff)
			}
			ok(t, k.untag(w.a, id, []string{"Team", "absent"}))
			if got := must[[]authn.Tag](t)(k.get(w.a, id)); !cmp.Equal(got, []authn.Tag{{Key: "env", Value: ""}}) {
				t.Errorf("tags after UntagX = %v", got)
			}
			ok(t, k.tag(w.a, id, nTags("k", 49)))
			wantErr(t, k.tag(w.a, id, nTags("x", 1)), "LimitExceeded", "Cannot exceed quota for "+k.quota+": 50")
			if got := must[[]authn.Tag](t)(k.get(w.a, id)); len(got) != 50 {
				t.Errorf("a refused TagX left %d tags", len(got))
			}
			wantErr(t, k.tag(w.a, id, []authn.Tag{{Key: "aws:team", Value: "x"}}), "InvalidInput", "User is not authorized to perform aws: prefixed tag keys")
			wantErr(t, k.tag(w.a, id, []authn.Tag{{Key: "a", Value: "1"}, {Key: "A", Value: "2"}}), "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			wantErr(t, k.tag(w.a, id, []authn.Tag{{Key: "a#", Value: "1"}}), "ValidationError", "")
			wantErr(t, k.tag(w.a, id, nTags("y", 51)), "ValidationError", "")
			if _, err := k.get(w.b, id); err == nil {
				t.Error("another account sees the resource")
			}
			wantErr(t, k.tag(w.b, id, nTags("z", 1)), "NoSuchEntity", "")
			wantErr(t, k.untag(w.b, id, []string{"env"}), "NoSuchEntity", "")
		})
	}
}

func TestTagPolicyAWSManaged(t *testing.T) {
	w := newWorld(t)
	const arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
	wantErr(t, w.a.TagPolicy(arn, nTags("k", 1)), "InvalidInput", "Tags not supported for policies in this domain")
	wantErr(t, w.a.UntagPolicy(arn, []string{"k"}), "InvalidInput", "Tags not supported for policies in this domain")
	wantErr(t, w.a.TagPolicy("arn:aws:iam::aws:policy/NoSuchPolicy", nTags("k", 1)), "NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchPolicy was not found.")
}

func TestCreateVirtualMFADeviceTags(t *testing.T) {
	w := newWorld(t)
	_, err := w.a.CreateVirtualMFADevice("/", "phone", authn.Tag{Key: "aws:x", Value: "1"})
	wantErr(t, err, "InvalidInput", "User is not authorized to perform aws: prefixed tag keys")
	if devs := must[[]authn.VirtualMFADevice](t)(w.a.ListVirtualMFADevices("")); len(devs) != 0 {
		t.Errorf("a refused create made %v", devs)
	}
	dev := must[authn.VirtualMFADevice](t)(w.a.CreateVirtualMFADevice("/", "phone", authn.Tag{Key: "owner", Value: "alice"}))
	if !cmp.Equal(dev.Tags, []authn.Tag{{Key: "owner", Value: "alice"}}) {
		t.Errorf("created device's tags = %v", dev.Tags)
	}
}

func TestUpdateSAMLProvider(t *testing.T) {
	w := newWorld(t)
	meta := strings.Replace(samlMeta("https://old.example/saml"), "entityID=", `validUntil="2030-01-02T03:04:05Z" entityID=`, 1)
	p := must[authn.SAMLProvider](t)(w.a.CreateSAMLProvider("corp", meta, nil))
	if want := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC); !p.ValidUntil.Equal(want) || p.EntityID != "https://old.example/saml" || p.Metadata != meta {
		t.Errorf("created provider = %+v", p)
	}
	next := samlMeta("https://new.example/saml")
	up := must[authn.SAMLProvider](t)(w.a.UpdateSAMLProvider(p.ARN, next))
	got := must[authn.SAMLProvider](t)(w.a.GetSAMLProvider(p.ARN))
	if diff := cmp.Diff(up, got); diff != "" {
		t.Errorf("UpdateSAMLProvider and GetSAMLProvider differ:\n%s", diff)
	}
	if got.EntityID != "https://new.example/saml" || got.Metadata != next || !got.ValidUntil.IsZero() || !got.CreateDate.Equal(p.CreateDate) {
		t.Errorf("updated provider = %+v", got)
	}

	_, err := w.a.UpdateSAMLProvider(p.ARN, "short")
	wantErr(t, err, "ValidationError", "1 validation error detected: Value '...' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000")
	_, err = w.a.UpdateSAMLProvider(p.ARN, strings.Repeat("x", 1000))
	wantErr(t, err, "InvalidInput", "Could not parse metadata")
	_, err = w.a.UpdateSAMLProvider(p.ARN+"x", next)
	wantErr(t, err, "NoSuchEntity", "SAMLProvider "+p.ARN+"x not found")
	if got := must[authn.SAMLProvider](t)(w.a.GetSAMLProvider(p.ARN)); got.Metadata != next {
		t.Error("a refused update changed the metadata")
	}
}

// TestTagsProperty: after any sequence of Tag and Untag calls, a
// resource's tags are what a case-insensitive map of the accepted calls
// says, in first-set order, never more than 50, and no key twice.
func TestTagsProperty(t *testing.T) {
	rapid.Check(t, tagsProperty)
}

func FuzzTagsProperty(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(tagsProperty))
}

func tagsProperty(t *rapid.T) {
	k := rapid.SampledFrom(taggables).Draw(t, "kind")
	d := authn.New(authn.Config{Now: newClock().Now, Rand: rand.NewChaCha8([32]byte{2}), PasswordHashIterations: 1})
	a, err := d.CreateAccount(acctA, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	id, err := k.create(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	var model []authn.Tag
	key := rapid.SampledFrom([]string{"a", "A", "b", "B", "c", "team", "Team", "env"})
	for i := range rapid.IntRange(1, 20).Draw(t, "steps") {
		if rapid.Bool().Draw(t, fmt.Sprint("untag", i)) {
			keys := rapid.SliceOfN(key, 0, 3).Draw(t, fmt.Sprint("keys", i))
			if err := k.untag(a, id, keys); err != nil {
				t.Fatal(err)
			}
			var kept []authn.Tag
			for _, tg := range model {
				drop := false
				for _, k := range keys {
					drop = drop || strings.EqualFold(k, tg.Key)
				}
				if !drop {
					kept = append(kept, tg)
				}
			}
			model = kept
			continue
		}
		tags := rapid.SliceOfNDistinct(rapid.Custom(func(t *rapid.T) authn.Tag {
			return authn.Tag{Key: key.Draw(t, "key"), Value: rapid.StringMatching(`[a-z]{0,3}`).Draw(t, "value")}
		}), 1, 3, func(tg authn.Tag) string { return strings.ToLower(tg.Key) }).Draw(t, fmt.Sprint("tags", i))
		if err := k.tag(a, id, tags); err != nil {
			t.Fatal(err)
		}
		for _, tg := range tags {
			found := false
			for j := range model {
				if strings.EqualFold(model[j].Key, tg.Key) {
					model[j], found = tg, true
				}
			}
			if !found {
				model = append(model, tg)
			}
		}
	}
	got, err := k.get(a, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		got = nil
	}
	if diff := cmp.Diff(model, got); diff != "" {
		t.Fatalf("%s tags (-model +got):\n%s", k.kind, diff)
	}
}
