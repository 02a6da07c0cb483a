package org_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/org"
)

func tagsOf(kv ...string) []org.Tag {
	var out []org.Tag
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, org.Tag{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func manyTags(prefix string, n int) []org.Tag {
	out := make([]org.Tag, n)
	for i := range out {
		out[i] = org.Tag{Key: fmt.Sprintf("%s%02d", prefix, i), Value: "v"}
	}
	return out
}

// taggedWorld is newWorld with an OU and a customer managed SCP.
func taggedWorld(t testing.TB) (w *world, ou, pol string) {
	t.Helper()
	w = newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	o, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{Name: "Prod", ParentId: w.root})
	must(t, err)
	p, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "deny-s3", Type: org.PolicyTypeServiceControlPolicy,
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`})
	must(t, err)
	return w, o.OrganizationalUnit.Id, p.Policy.PolicySummary.Id
}

// Every kind of taggable resource takes, lists, replaces and loses tags.
func TestTagLifecycle(t *testing.T) {
	w, ou, pol := taggedWorld(t)
	mgmt := root(mgmtID)
	for _, id := range []string{memberID, w.root, ou, pol} {
		t.Run(id[:2], func(t *testing.T) {
			must(t, w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: id, Tags: tagsOf("team", "red", "cost", "")}))
			must(t, w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: id, Tags: tagsOf("team", "blue", "env", "prod")}))
			got, err := w.o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: id})
			must(t, err)
			if d := cmp.Diff(tagsOf("cost", "", "env", "prod", "team", "blue"), got.Tags); d != "" {
				t.Errorf("after tagging (-want +got):\n%s", d)
			}
			must(t, w.o.UntagResource(mgmt, org.UntagResourceInput{ResourceId: id, TagKeys: []string{"team", "absent"}}))
			got, err = w.o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: id})
			must(t, err)
			if d := cmp.Diff(tagsOf("cost", "", "env", "prod"), got.Tags); d != "" {
				t.Errorf("after untagging (-want +got):\n%s", d)
			}
			must(t, w.o.UntagResource(mgmt, org.UntagResourceInput{ResourceId: id, TagKeys: []string{"cost", "env"}}))
			got, err = w.o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: id})
			must(t, err)
			if got.Tags == nil || len(got.Tags) != 0 {
				t.Errorf("no tags left: %#v, want an empty list", got.Tags)
			}
		})
	}
}

// The create operations attach their Tags: CreateOrganizationalUnit and
// CreatePolicy at once, CreateAccount when the account is created,
// InviteAccountToOrganization when the account accepts. An account that
// leaves loses the organization's tags.
func TestTagsOnCreate(t *testing.T) {
	w := newWorld(t, org.Config{})
	mgmt := root(mgmtID)
	list := func(id string) []org.Tag {
		t.Helper()
		got, err := w.o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: id})
		must(t, err)
		return got.Tags
	}
	ou, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{Name: "Sec", ParentId: w.root, Tags: tagsOf("k", "ou")})
	must(t, err)
	if d := cmp.Diff(tagsOf("k", "ou"), list(ou.OrganizationalUnit.Id)); d != "" {
		t.Errorf("OU (-want +got):\n%s", d)
	}
	p, err := w.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "p", Type: org.PolicyTypeResourceControlPolicy, Tags: tagsOf("k", "policy"),
		Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`})
	must(t, err)
	if d := cmp.Diff(tagsOf("k", "policy"), list(p.Policy.PolicySummary.Id)); d != "" {
		t.Errorf("policy (-want +got):\n%s", d)
	}
	req, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "New", Email: "new@example.com", Tags: tagsOf("k", "created")})
	must(t, err)
	w.clock.Advance(org.CreateAccountDelay)
	st, err := w.o.DescribeCreateAccountStatus(mgmt, org.DescribeCreateAccountStatusInput{CreateAccountRequestId: req.CreateAccountStatus.Id})
	must(t, err)
	if d := cmp.Diff(tagsOf("k", "created"), list(st.CreateAccountStatus.AccountId)); d != "" {
		t.Errorf("created account (-want +got):\n%s", d)
	}
	h, err := w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{
		Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}, Tags: tagsOf("k", "invited")})
	must(t, err)
	if _, ok := w.o.Tags(w.orgID, outsiderID); ok {
		t.Error("an invited account has tags before it accepts")
	}
	_, err = w.o.AcceptHandshake(root(outsiderID), org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
	must(t, err)
	if d := cmp.Diff(tagsOf("k", "invited"), list(outsiderID)); d != "" {
		t.Errorf("invited account (-want +got):\n%s", d)
	}
	must(t, w.o.LeaveOrganization(root(outsiderID)))
	h, err = w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}})
	must(t, err)
	_, err = w.o.AcceptHandshake(root(outsiderID), org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
	must(t, err)
	if got := list(outsiderID); len(got) != 0 {
		t.Errorf("tags survived leaving: %v", got)
	}
}

func TestTagErrors(t *testing.T) {
	w, ou, pol := taggedWorld(t)
	mgmt := root(mgmtID)
	must(t, w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: ou, Tags: manyTags("k", 50)}))
	long := strings.Repeat("x", 129)
	cases := []struct {
		name   string
		caller string
		op     string // Tag, Untag or List
		id     string
		tags   []org.Tag
		keys   []string
		want   string
	}{
		{"empty id", mgmtID, "Tag", "", tagsOf("a", "b"), nil, "InvalidInputException/INPUT_REQUIRED"},
		{"bad id", mgmtID, "Tag", "x-123", tagsOf("a", "b"), nil, "InvalidInputException/INVALID_PATTERN"},
		{"AWS managed policy", mgmtID, "Tag", org.FullAWSAccessID, tagsOf("a", "b"), nil, "InvalidInputException/INVALID_PATTERN"},
		{"AWS managed policy listed", mgmtID, "List", org.FullAWSAccessID, nil, nil, "InvalidInputException/INVALID_PATTERN"},
		{"reserved prefix", mgmtID, "Tag", memberID, tagsOf("AWS:x", "b"), nil, "InvalidInputException/INVALID_SYSTEM_TAGS_PARAMETER"},
		{"reserved prefix untag", mgmtID, "Untag", memberID, nil, []string{"aws:cloudformation:stack"}, "InvalidInputException/INVALID_SYSTEM_TAGS_PARAMETER"},
		{"duplicate key", mgmtID, "Tag", memberID, tagsOf("a", "1", "a", "2"), nil, "InvalidInputException/DUPLICATE_TAG_KEY"},
		{"empty key", mgmtID, "Tag", memberID, tagsOf("", "1"), nil, "InvalidInputException/INPUT_REQUIRED"},
		{"long key", mgmtID, "Tag", memberID, tagsOf(long, "1"), nil, "InvalidInputException/MAX_LENGTH_EXCEEDED"},
		{"long value", mgmtID, "Tag", memberID, tagsOf("a", strings.Repeat("v", 257)), nil, "InvalidInputException/MAX_LENGTH_EXCEEDED"},
		{"bad key character", mgmtID, "Tag", memberID, tagsOf("a*b", "1"), nil, "InvalidInputException/INVALID_PATTERN"},
		{"bad value character", mgmtID, "Tag", memberID, tagsOf("a", "x&y"), nil, "InvalidInputException/INVALID_PATTERN"},
		{"51st tag", mgmtID, "Tag", ou, tagsOf("new", "1"), nil, "ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED"},
		{"replacing at 50", mgmtID, "Tag", ou, tagsOf("k07", "other"), nil, ""},
		{"account outside", mgmtID, "Tag", outsiderID, tagsOf("a", "b"), nil, "TargetNotFoundException"},
		{"unknown OU", mgmtID, "List", ou[:len(ou)-1] + "z", nil, nil, "TargetNotFoundException"},
		{"unknown root", mgmtID, "Untag", "r-zzzz", nil, []string{"a"}, "TargetNotFoundException"},
		{"resource policy", mgmtID, "List", "rp-abcd1234", nil, nil, "TargetNotFoundException"},
		{"member", memberID, "Tag", memberID, tagsOf("a", "b"), nil, "AccessDeniedException"},
		{"member lists", memberID, "List", pol, nil, nil, "AccessDeniedException"},
		{"standalone", outsiderID, "List", outsiderID, nil, nil, "AWSOrganizationsNotInUseException"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			switch c.op {
			case "Tag":
				err = w.o.TagResource(root(c.caller), org.TagResourceInput{ResourceId: c.id, Tags: c.tags})
			case "Untag":
				err = w.o.UntagResource(root(c.caller), org.UntagResourceInput{ResourceId: c.id, TagKeys: c.keys})
			case "List":
				_, err = w.o.ListTagsForResource(root(c.caller), org.ListTagsForResourceInput{ResourceId: c.id})
			}
			if got := code(err); got != c.want {
				t.Errorf("%s: got %q, want %q", c.op, got, c.want)
			}
		})
	}
	if got, _ := w.o.Tags(w.orgID, ou); len(got) != 50 {
		t.Errorf("the OU has %d tags after a refused 51st, want 50", len(got))
	}
	if _, err := w.o.ListTagsForResource(mgmt, org.ListTagsForResourceInput{ResourceId: ou, NextToken: "abc"}); code(err) != "InvalidInputException/INVALID_NEXT_TOKEN" {
		t.Errorf("NextToken: %v", err)
	}
	for name, err := range map[string]error{
		"CreateOrganizationalUnit": func() error {
			_, err := w.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{Name: "x", ParentId: w.root, Tags: manyTags("k", 51)})
			return err
		}(),
		"CreateAccount": func() error {
			_, err := w.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "x", Email: "x@example.com", Tags: tagsOf("aws:x", "")})
			return err
		}(),
		"InviteAccountToOrganization": func() error {
			_, err := w.o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: outsiderID, Type: org.HandshakePartyTypeAccount}, Tags: tagsOf("a", "1", "a", "1")})
			return err
		}(),
	} {
		if code(err) == "" {
			t.Errorf("%s with bad tags succeeded", name)
		}
	}
}

// aws:ResourceTag reaches the IAM check of every operation on a tagged
// resource; aws:RequestTag and aws:TagKeys that of the requests that
// carry tags.
func TestTagConditionKeys(t *testing.T) {
	w, ou, _ := taggedWorld(t)
	mgmt := root(mgmtID)
	must(t, w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: memberID, Tags: tagsOf("team", "red")}))
	must(t, w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: member2ID, Tags: tagsOf("team", "blue")}))
	ops := role(mgmtID, "ops")
	w.iam.allow(ops.ARN,
		`{"Version":"2012-10-17","Statement":[
		 {"Effect":"Allow","Action":["organizations:DescribeAccount","organizations:ListTagsForResource"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"red"}}},
		 {"Effect":"Allow","Action":"organizations:TagResource","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"red"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
		 {"Effect":"Allow","Action":"organizations:UntagResource","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["scratch"]}}},
		 {"Effect":"Allow","Action":"organizations:CreateOrganizationalUnit","Resource":"*","Condition":{"Null":{"aws:RequestTag/owner":"false"}}}
		]}`)
	cases := []struct {
		name string
		call func() error
		want string
	}{
		{"describe red", func() error {
			_, err := w.o.DescribeAccount(ops, org.DescribeAccountInput{AccountId: memberID})
			return err
		}, ""},
		{"describe blue", func() error {
			_, err := w.o.DescribeAccount(ops, org.DescribeAccountInput{AccountId: member2ID})
			return err
		}, "AccessDeniedException"},
		{"list tags of red", func() error {
			_, err := w.o.ListTagsForResource(ops, org.ListTagsForResourceInput{ResourceId: memberID})
			return err
		}, ""},
		{"list tags of untagged OU", func() error {
			_, err := w.o.ListTagsForResource(ops, org.ListTagsForResourceInput{ResourceId: ou})
			return err
		}, "AccessDeniedException"},
		{"tag team=red", func() error {
			return w.o.TagResource(ops, org.TagResourceInput{ResourceId: ou, Tags: tagsOf("team", "red")})
		}, ""},
		{"tag team=blue", func() error {
			return w.o.TagResource(ops, org.TagResourceInput{ResourceId: ou, Tags: tagsOf("team", "blue")})
		}, "AccessDeniedException"},
		{"tag another key", func() error {
			return w.o.TagResource(ops, org.TagResourceInput{ResourceId: ou, Tags: tagsOf("team", "red", "x", "y")})
		}, "AccessDeniedException"},
		{"untag scratch", func() error {
			return w.o.UntagResource(ops, org.UntagResourceInput{ResourceId: ou, TagKeys: []string{"scratch"}})
		}, ""},
		{"untag team", func() error {
			return w.o.UntagResource(ops, org.UntagResourceInput{ResourceId: ou, TagKeys: []string{"team"}})
		}, "AccessDeniedException"},
		{"create OU with owner", func() error {
			_, err := w.o.CreateOrganizationalUnit(ops, org.CreateOrganizationalUnitInput{Name: "A", ParentId: w.root, Tags: tagsOf("owner", "me")})
			return err
		}, ""},
		{"create OU without tags", func() error {
			_, err := w.o.CreateOrganizationalUnit(ops, org.CreateOrganizationalUnitInput{Name: "B", ParentId: w.root})
			return err
		}, "AccessDeniedException"},
		// The OU now carries team=red, so its listing is allowed.
		{"list tags of red OU", func() error {
			_, err := w.o.ListTagsForResource(ops, org.ListTagsForResourceInput{ResourceId: ou})
			return err
		}, ""},
	}
	for _, c := range cases {
		if got := code(c.call()); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// Property: after any sequence of TagResource and UntagResource, a
// resource's tags are those a map model predicts, never more than
// MaxTagsPerResource, and a refused request changes nothing.
func testTagModel(t *rapid.T) {
	w, ou, pol := taggedWorld(rapidTB{t: t})
	mgmt := root(mgmtID)
	ids := []string{memberID, w.root, ou, pol}
	model := map[string]map[string]string{}
	keyGen := rapid.SampledFrom([]string{"a", "b", "c", "team", "env", "aws:x", "", "k*"})
	for i := range rapid.IntRange(1, 40).Draw(t, "steps") {
		id := rapid.SampledFrom(ids).Draw(t, fmt.Sprint("id", i))
		if model[id] == nil {
			model[id] = map[string]string{}
		}
		if rapid.Bool().Draw(t, fmt.Sprint("tag", i)) {
			var tags []org.Tag
			bulk := rapid.IntRange(0, 30).Draw(t, fmt.Sprint("bulk", i))
			tags = append(tags, manyTags(fmt.Sprint("n", i, "-"), bulk)...)
			for _, k := range rapid.SliceOfN(keyGen, 0, 3).Draw(t, fmt.Sprint("keys", i)) {
				tags = append(tags, org.Tag{Key: k, Value: "v" + fmt.Sprint(i)})
			}
			err := w.o.TagResource(mgmt, org.TagResourceInput{ResourceId: id, Tags: tags})
			next := maps.Clone(model[id])
			valid := true
			seen := map[string]bool{}
			for _, tg := range tags {
				if tg.Key == "" || tg.Key == "k*" || strings.HasPrefix(tg.Key, "aws:") || seen[tg.Key] {
					valid = false
				}
				seen[tg.Key] = true
				next[tg.Key] = tg.Value
			}
			if valid && len(next) <= org.MaxTagsPerResource {
				if err != nil {
					t.Fatalf("TagResource %v: %v", tags, err)
				}
				model[id] = next
			} else if err == nil {
				t.Fatalf("TagResource %v succeeded (valid %v, %d tags)", tags, valid, len(next))
			}
		} else {
			keys := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b", "team", "n0-00", "zz"}), 0, 3).Draw(t, fmt.Sprint("untag", i))
			must(rapidTB{t: t}, w.o.UntagResource(mgmt, org.UntagResourceInput{ResourceId: id, TagKeys: keys}))
			for _, k := range keys {
				delete(model[id], k)
			}
		}
		got, ok := w.o.Tags(w.orgID, id)
		if !ok {
			t.Fatalf("resource %s vanished", id)
		}
		want := make([]org.Tag, 0)
		for _, k := range slices.Sorted(maps.Keys(model[id])) {
			want = append(want, org.Tag{Key: k, Value: model[id][k]})
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("tags of %s (-model +got):\n%s", id, d)
		}
		if len(got) > org.MaxTagsPerResource {
			t.Fatalf("%s has %d tags", id, len(got))
		}
	}
}

func TestTagModel(t *testing.T) { rapid.Check(t, testTagModel) }

func FuzzTagModel(f *testing.F) { f.Fuzz(rapid.MakeFuzz(testTagModel)) }

// rapidTB lets the helpers that take a testing.TB run under rapid: they
// use only Helper, Fatal and Fatalf.
type rapidTB struct {
	testing.TB
	t *rapid.T
}

func (r rapidTB) Helper()                      {}
func (r rapidTB) Fatal(args ...any)            { r.t.Fatal(args...) }
func (r rapidTB) Fatalf(f string, args ...any) { r.t.Fatalf(f, args...) }
