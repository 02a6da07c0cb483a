package authz_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// This file holds the generators of random policies, policy sets and
// requests over a small vocabulary, and the properties the evaluator must
// hold whatever they are. The generators build a model (mPolicy, mSet,
// mRequest) that is rendered to JSON and parsed with authz.Parse; the
// reference evaluator of reference_test.go reads the model itself.

// The accounts of the vocabulary.
const (
	gA = "111122223333"
	gB = "444455556666"
)

// The principals of the vocabulary: one of each type, in two accounts.
var (
	gRootA = authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + gA + ":root", Account: gA, UserID: gA}
	gRootB = authz.Principal{Type: authz.PrincipalRoot, ARN: "arn:aws:iam::" + gB + ":root", Account: gB, UserID: gB}
	gBob   = authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + gA + ":user/bob", Account: gA,
		UniqueID: "AIDAEXAMPLEBOB000001", UserID: "AIDAEXAMPLEBOB000001", UserName: "bob"}
	gCarol = authz.Principal{Type: authz.PrincipalUser, ARN: "arn:aws:iam::" + gB + ":user/carol", Account: gB,
		UniqueID: "AIDAEXAMPLECAROL0001", UserID: "AIDAEXAMPLECAROL0001", UserName: "carol"}
	gApp = authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + gA + ":assumed-role/App/s1", Account: gA,
		RoleARN: "arn:aws:iam::" + gA + ":role/App", UniqueID: "AROAEXAMPLEAPP000001", UserID: "AROAEXAMPLEAPP000001:s1"}
	gAppB = authz.Principal{Type: authz.PrincipalAssumedRole, ARN: "arn:aws:sts::" + gB + ":assumed-role/App/s2", Account: gB,
		RoleARN: "arn:aws:iam::" + gB + ":role/App", UniqueID: "AROAEXAMPLEAPPB00001", UserID: "AROAEXAMPLEAPPB00001:s2"}
	gFed = authz.Principal{Type: authz.PrincipalFederatedUser, ARN: "arn:aws:sts::" + gA + ":federated-user/fed", Account: gA,
		ParentUserARN: gBob.ARN, UserID: gA + ":fed"}
	gSvc  = authz.Principal{Type: authz.PrincipalService, Service: "sqs.amazonaws.com"}
	gWeb  = authz.Principal{Type: authz.PrincipalWebIdentity, Provider: "cognito-identity.amazonaws.com"}
	gAnon = authz.Principal{Type: authz.PrincipalAnonymous}

	gPrincipals = []authz.Principal{gRootA, gRootB, gBob, gCarol, gApp, gAppB, gFed, gSvc, gWeb, gAnon}
)

// Actions: four services, concrete actions for requests and patterns with
// and without wildcards for policies.
var (
	gActions        = []string{"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:GetUser", "iam:CreateUser", "sqs:SendMessage", "ec2:RunInstances", "sts:AssumeRole"}
	gActionPatterns = []string{
		"*", "s3:*", "s3:Get*", "s3:?utObject", "s3:GetObject", "S3:getobject", "s3:*Object", "s3:ListBucket",
		"iam:*User", "iam:Get*", "IAM:CreateUser", "sqs:*", "sqs:SendMessage", "ec2:Run*", "ec2:*", "*:Get*", "s3:Get?",
	}
)

// Resources: concrete ARNs (and "*") for requests, patterns for policies.
var (
	gResources = []string{
		"arn:aws:s3:::bucket/key.txt", "arn:aws:s3:::bucket/home/bob/notes", "arn:aws:s3:::bucket/home/red/x",
		"arn:aws:s3:::other/key.txt", "arn:aws:iam::" + gA + ":user/bob", "arn:aws:iam::" + gB + ":user/carol",
		"arn:aws:sqs:us-east-1:" + gA + ":queue1", "arn:aws:ec2:us-east-1:" + gA + ":instance/i-1", "*",
	}
	gResourcePatterns = []string{
		"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::*", "arn:aws:s3:::bucket/?ey.txt", "arn:aws:s3:::bucket/key.txt",
		"arn:aws:s3:::bucket/home/${aws:username}/*", "arn:aws:s3:::bucket/home/${aws:PrincipalTag/team, 'bob'}/*",
		"arn:aws:iam::*:user/*", "arn:aws:iam::" + gA + ":user/${aws:username}", "arn:aws:sqs:*:" + gA + ":*",
		"arn:*:s3:::bucket/key.txt", "arn:aws:ec2:*:*:instance/*", "arn:aws:s3:::bucket/*/notes", "arn:aws:iam::" + gB + ":*",
	}
)

// Principal names for resource-based policies, and the NotPrincipal
// bundles that exempt a principal when all of its identities are listed.
var (
	gAWSPrincipals = []string{
		"*", gA, gB, gRootA.ARN, gRootB.ARN, gBob.ARN, gCarol.ARN, gApp.RoleARN, gAppB.RoleARN, gApp.ARN, gAppB.ARN,
		gFed.ARN, gBob.UniqueID, gApp.UniqueID,
	}
	gServicePrincipals   = []string{"sqs.amazonaws.com", "ec2.amazonaws.com"}
	gFederatedPrincipals = []string{"cognito-identity.amazonaws.com", "accounts.google.com"}
	gNotPrincipals       = [][]string{
		{gBob.ARN, gA}, {gBob.ARN}, {gApp.ARN, gApp.RoleARN, gA}, {gApp.ARN, gA}, {gFed.ARN, gA},
		{gRootA.ARN}, {gB}, {gCarol.ARN, gRootB.ARN}, {gAppB.ARN, gAppB.RoleARN, gB},
	}
)

// A condition key of the vocabulary: the operator families it is used with
// and the values policies compare it with.
type gKey struct {
	name     string
	families []string // "String", "Numeric", "Date", "Bool", "Ip", "Arn"
	values   []string
}

var gKeys = []gKey{
	{"aws:PrincipalTag/team", []string{"String"}, []string{"red", "blue", "RED", "r*", "?ed", "${aws:username}"}},
	{"aws:RequestTag/team", []string{"String"}, []string{"red", "blue", "bob", "${aws:PrincipalTag/team}", "${aws:PrincipalTag/team, 'blue'}", "${aws:username}", "r${*}", "a${$}b"}},
	{"aws:SourceIp", []string{"Ip"}, []string{"203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32", "203.0.113.7"}},
	{"s3:max-keys", []string{"Numeric"}, []string{"10", "10.5", "0", "100"}},
	{"aws:SecureTransport", []string{"Bool"}, []string{"true", "false"}},
	{"aws:TagKeys", []string{"String"}, []string{"env", "team", "cost*", "Team"}},
	{"aws:CurrentTime", []string{"Date"}, []string{"2020-01-01T00:00:00Z", "1577836800", "2026-01-01T00:00:00Z"}},
	{"aws:username", []string{"String"}, []string{"bob", "carol", "b*", "${aws:username}"}},
	{"aws:SourceArn", []string{"Arn"}, []string{"arn:aws:s3:::bucket/home/${aws:PrincipalTag/team}/*", "arn:aws:sqs:*:" + gA + ":*", "arn:aws:s3:::*/home/${aws:username}/*"}},
	{"aws:PrincipalArn", []string{"Arn", "String"}, []string{
		gBob.ARN, "arn:aws:iam::*:role/*", "arn:aws:iam::" + gA + ":*", "arn:aws:iam::" + gB + ":*",
		"arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:root",
	}},
}

// The values a request may carry for the keys that are not derived from
// the principal. Some do not parse for the key's operators.
var gContextValues = map[string][]string{
	"aws:PrincipalTag/team": {"red", "blue", "Red", "r*", "bob"},
	"aws:RequestTag/team":   {"red", "blue", "bob", "r*", "a$b"},
	"aws:SourceIp":          {"203.0.113.7", "10.1.2.3", "2001:db8::1", "198.51.100.1", "not-an-ip"},
	"s3:max-keys":           {"5", "10", "10.0", "200", "ten"},
	"aws:SecureTransport":   {"true", "false", "maybe"},
	"aws:TagKeys":           {"env", "team", "cost-center", "Team"},
	"aws:CurrentTime":       {"2026-01-01T00:00:00Z", "2019-06-01T00:00:00Z", "1577836800", "yesterday"},
	"aws:SourceArn":         {"arn:aws:s3:::bucket/home/red/x", "arn:aws:s3:::bucket/home/r*/x", "arn:aws:s3:::b/home/bob/x", "arn:aws:sqs:us-east-1:" + gA + ":q", "not-an-arn"},
}

var gFamilyOps = map[string][]string{
	"String":  {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"},
	"Numeric": {"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"},
	"Date":    {"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"},
	"Bool":    {"Bool"},
	"Ip":      {"IpAddress", "NotIpAddress"},
	"Arn":     {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"},
}

// The model of a policy document.

type mPrin struct {
	star      bool // the "*" form
	aws       []string
	service   []string
	federated []string
}

type mCond struct {
	op, key string
	values  []string
}

type mStmt struct {
	sid       string
	effect    authz.Effect
	notAction bool
	actions   []string
	notRes    bool
	resources []string
	principal *mPrin
	notPrin   bool // principal is a NotPrincipal element
	conds     []mCond
}

type mPolicy struct {
	kind    authz.Kind
	version string
	id      string
	stmts   []mStmt
	// Rendering choices that do not change the policy.
	asList   bool // one-element lists as arrays
	asObject bool // a single statement as an object
}

// The model of a policy set: every policy that bears on a request.
type mSet struct {
	identity      []mPolicy
	boundary      *mPolicy
	session       *mPolicy
	resource      *mPolicy
	scps          [][]mPolicy
	rcps          [][]mPolicy
	mgmtPrincipal bool
	mgmtResource  bool
	requireRP     bool
}

type mCtxVal struct {
	values []string
	multi  bool
}

type mRequest struct {
	principal       authz.Principal
	action          string
	resource        string
	resourceAccount string
	ctx             map[string]mCtxVal
}

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Rendering.

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a Go string always marshals
	}
	return string(b)
}

func (p *mPolicy) list(vs []string) string {
	if len(vs) == 1 && !p.asList {
		return jsonString(vs[0])
	}
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = jsonString(v)
	}
	return "[" + strings.Join(q, ",") + "]"
}

func (p *mPolicy) renderPrincipal(pr *mPrin) string {
	if pr.star {
		return `"*"`
	}
	var f []string
	if len(pr.aws) > 0 {
		f = append(f, `"AWS":`+p.list(pr.aws))
	}
	if len(pr.service) > 0 {
		f = append(f, `"Service":`+p.list(pr.service))
	}
	if len(pr.federated) > 0 {
		f = append(f, `"Federated":`+p.list(pr.federated))
	}
	return "{" + strings.Join(f, ",") + "}"
}

func (p *mPolicy) renderStmt(s *mStmt) string {
	var f []string
	if s.sid != "" {
		f = append(f, `"Sid":`+jsonString(s.sid))
	}
	f = append(f, `"Effect":`+jsonString(string(s.effect)))
	if s.principal != nil {
		name := "Principal"
		if s.notPrin {
			name = "NotPrincipal"
		}
		f = append(f, jsonString(name)+":"+p.renderPrincipal(s.principal))
	}
	name := "Action"
	if s.notAction {
		name = "NotAction"
	}
	f = append(f, jsonString(name)+":"+p.list(s.actions))
	if s.resources != nil {
		name = "Resource"
		if s.notRes {
			name = "NotResource"
		}
		f = append(f, jsonString(name)+":"+p.list(s.resources))
	}
	if len(s.conds) > 0 {
		var ops []string
		byOp := map[string][]string{}
		for _, c := range s.conds {
			if _, ok := byOp[c.op]; !ok {
				ops = append(ops, c.op)
			}
			byOp[c.op] = append(byOp[c.op], jsonString(c.key)+":"+p.list(c.values))
		}
		var cf []string
		for _, op := range ops {
			cf = append(cf, jsonString(op)+":{"+strings.Join(byOp[op], ",")+"}")
		}
		f = append(f, `"Condition":{`+strings.Join(cf, ",")+"}")
	}
	return "{" + strings.Join(f, ",") + "}"
}

// render returns the policy's JSON document.
func (p *mPolicy) render() []byte {
	var f []string
	if p.version != "" {
		f = append(f, `"Version":`+jsonString(p.version))
	}
	if p.id != "" {
		f = append(f, `"Id":`+jsonString(p.id))
	}
	var st []string
	for i := range p.stmts {
		st = append(st, p.renderStmt(&p.stmts[i]))
	}
	if len(st) == 1 && p.asObject {
		f = append(f, `"Statement":`+st[0])
	} else {
		f = append(f, `"Statement":[`+strings.Join(st, ",")+"]")
	}
	return []byte("{" + strings.Join(f, ",") + "}")
}

// parse parses the rendered policy; the generators only build valid ones.
func (p *mPolicy) parse(t tb) *authz.Policy {
	t.Helper()
	doc := p.render()
	q, err := authz.Parse(p.kind, doc)
	if err != nil {
		t.Fatalf("Parse(%s) of a generated policy: %v\n%s", p.kind, err, doc)
	}
	return q
}

func listOf(t tb, ps ...mPolicy) *authz.PolicyList {
	named := make([]authz.Named, 0, len(ps))
	for i := range ps {
		named = append(named, authz.Named{Name: fmt.Sprintf("%s-%d", ps[i].kind, i), Policy: ps[i].parse(t)})
	}
	return authz.NewPolicyList(named...)
}

// build parses every policy of the set.
func (s *mSet) build(t tb) *authz.PolicySet {
	t.Helper()
	set := &authz.PolicySet{
		PrincipalInManagementAccount: s.mgmtPrincipal,
		ResourceInManagementAccount:  s.mgmtResource,
		RequireResourceAllow:         s.requireRP,
	}
	if len(s.identity) > 0 {
		set.Identity = listOf(t, s.identity...)
	}
	if s.boundary != nil {
		set.Boundary = listOf(t, *s.boundary)
	}
	if s.session != nil {
		set.Session = listOf(t, *s.session)
	}
	if s.resource != nil {
		set.Resource = listOf(t, *s.resource)
	}
	for _, l := range s.scps {
		set.SCPs = append(set.SCPs, listOf(t, l...))
	}
	for _, l := range s.rcps {
		set.RCPs = append(set.RCPs, listOf(t, l...))
	}
	return set
}

// clone copies the set deeply enough that adding statements or policies to
// the copy leaves s unchanged.
func (s *mSet) clone() *mSet {
	c := *s
	c.identity = clonePolicies(s.identity)
	c.boundary = clonePolicy(s.boundary)
	c.session = clonePolicy(s.session)
	c.resource = clonePolicy(s.resource)
	c.scps = nil
	for _, l := range s.scps {
		c.scps = append(c.scps, clonePolicies(l))
	}
	c.rcps = nil
	for _, l := range s.rcps {
		c.rcps = append(c.rcps, clonePolicies(l))
	}
	return &c
}

func clonePolicy(p *mPolicy) *mPolicy {
	if p == nil {
		return nil
	}
	c := *p
	c.stmts = slices.Clone(p.stmts)
	return &c
}

func clonePolicies(ps []mPolicy) []mPolicy {
	out := make([]mPolicy, len(ps))
	for i := range ps {
		out[i] = *clonePolicy(&ps[i])
	}
	return out
}

func (r *mRequest) build() *authz.Request {
	req := &authz.Request{Principal: r.principal, Action: r.action, Resource: r.resource, ResourceAccount: r.resourceAccount}
	if r.ctx != nil {
		c := authz.NewContext()
		for k, v := range r.ctx {
			if v.multi {
				c.SetMulti(k, v.values...)
			} else {
				c.Set(k, v.values[0])
			}
		}
		req.Context = c
	}
	return req
}

func (r *mRequest) String() string {
	var ctx []string
	for k, v := range r.ctx {
		if v.multi {
			ctx = append(ctx, fmt.Sprintf("%s=%q(multi)", k, v.values))
		} else {
			ctx = append(ctx, fmt.Sprintf("%s=%q", k, v.values[0]))
		}
	}
	slices.Sort(ctx)
	return fmt.Sprintf("%s %s (%s, service-linked %v) %s on %s in account %q, context %v",
		r.principal.Type, r.principal.ARN+r.principal.Service, r.principal.Account, r.principal.ServiceLinked,
		r.action, r.resource, r.resourceAccount, ctx)
}

func (s *mSet) String() string {
	var b strings.Builder
	line := func(name string, p *mPolicy) { fmt.Fprintf(&b, "  %s: %s\n", name, p.render()) }
	for i := range s.identity {
		line("identity", &s.identity[i])
	}
	if s.boundary != nil {
		line("boundary", s.boundary)
	}
	if s.session != nil {
		line("session", s.session)
	}
	if s.resource != nil {
		line("resource", s.resource)
	}
	for lvl, l := range s.scps {
		for i := range l {
			line(fmt.Sprintf("scp level %d", lvl), &l[i])
		}
	}
	for lvl, l := range s.rcps {
		for i := range l {
			line(fmt.Sprintf("rcp level %d", lvl), &l[i])
		}
	}
	fmt.Fprintf(&b, "  management principal %v, management resource %v, require resource allow %v\n", s.mgmtPrincipal, s.mgmtResource, s.requireRP)
	return b.String()
}

// Generators.

func oneIn(t *rapid.T, n int, label string) bool { return rapid.IntRange(0, n-1).Draw(t, label) == 0 }

func someOf(t *rapid.T, label string, from []string, lo, hi int) []string {
	return rapid.SliceOfNDistinct(rapid.SampledFrom(from), lo, hi, rapid.ID[string]).Draw(t, label)
}

func genCond(t *rapid.T) mCond {
	k := rapid.SampledFrom(gKeys).Draw(t, "key")
	name := k.name
	if oneIn(t, 6, "keycase") {
		name = strings.ToUpper(name[:1]) + strings.ToLower(name[1:]) // key names are case-insensitive
	}
	if oneIn(t, 8, "null") {
		return mCond{op: "Null", key: name, values: someOf(t, "nullvals", []string{"true", "false"}, 1, 2)}
	}
	fam := rapid.SampledFrom(k.families).Draw(t, "family")
	op := rapid.SampledFrom(gFamilyOps[fam]).Draw(t, "op")
	switch rapid.IntRange(0, 5).Draw(t, "qualifier") {
	case 0:
		op = "ForAllValues:" + op
	case 1:
		op = "ForAnyValue:" + op
	}
	if oneIn(t, 4, "ifexists") {
		op += "IfExists"
	}
	vals := k.values
	if fam == "String" && k.name == "aws:PrincipalArn" {
		vals = []string{gBob.ARN, gApp.RoleARN, "arn:aws:iam::*", "arn:aws:iam::" + gA + ":user/${aws:username}"}
	}
	return mCond{op: op, key: name, values: someOf(t, "values", vals, 1, 3)}
}

// genOpts steers the generators. A simple statement has broad actions and
// resources and no conditions, so that the handling of principals,
// NotPrincipal and the policy types shows more often.
type genOpts struct {
	simple bool
}

var gSimpleActions = []string{"*", "*", "s3:*", "iam:*", "sqs:*", "ec2:*", "s3:GetObject"}

// genStmt draws a statement for a policy of the kind; effect "" draws the
// effect too.
func genStmt(t *rapid.T, kind authz.Kind, effect authz.Effect, o genOpts) mStmt {
	s := mStmt{effect: effect}
	if s.effect == "" {
		s.effect = authz.Allow
		if oneIn(t, 3, "deny") {
			s.effect = authz.Deny
		}
	}
	notPrincipalOdds := 4
	if o.simple {
		s.actions = someOf(t, "actions", gSimpleActions, 1, 2)
		s.resources = []string{"*"}
		notPrincipalOdds = 2
	} else {
		s.notAction = oneIn(t, 7, "notaction")
		s.actions = someOf(t, "actions", gActionPatterns, 1, 3)
		s.notRes = oneIn(t, 7, "notresource")
		s.resources = someOf(t, "resources", gResourcePatterns, 1, 2)
	}
	switch kind {
	case authz.Resource:
		if s.effect == authz.Deny && oneIn(t, notPrincipalOdds, "notprincipal") {
			var aws []string
			for _, b := range rapid.SliceOfN(rapid.SampledFrom(gNotPrincipals), 1, 3).Draw(t, "bundles") {
				for _, v := range b {
					if !slices.Contains(aws, v) {
						aws = append(aws, v)
					}
				}
			}
			s.principal, s.notPrin = &mPrin{aws: aws}, true
			if oneIn(t, 3, "notservice") {
				s.principal.service = someOf(t, "services", gServicePrincipals, 1, 1)
			}
			if oneIn(t, 3, "notfederated") {
				s.principal.federated = someOf(t, "federated", gFederatedPrincipals, 1, 1)
			}
			break
		}
		switch rapid.IntRange(0, 8).Draw(t, "principalform") {
		case 0:
			s.principal = &mPrin{star: true}
		case 1:
			s.principal = &mPrin{service: someOf(t, "services", gServicePrincipals, 1, 2)}
		case 2:
			s.principal = &mPrin{federated: someOf(t, "federated", gFederatedPrincipals, 1, 2)}
		default:
			s.principal = &mPrin{aws: someOf(t, "aws", gAWSPrincipals, 1, 3)}
		}
	case authz.RCP:
		s.principal = &mPrin{star: true}
		if oneIn(t, 2, "rcpform") {
			s.principal = &mPrin{aws: []string{"*"}}
		}
	}
	s.conds = nil
	if o.simple {
		return s
	}
	for range rapid.SampledFrom([]int{0, 0, 0, 1, 1, 2}).Draw(t, "nconds") {
		c := genCond(t)
		if !slices.ContainsFunc(s.conds, func(d mCond) bool { return d.op == c.op && d.key == c.key }) {
			s.conds = append(s.conds, c)
		}
	}
	return s
}

// fullAccess is FullAWSAccess (or RCPFullAWSAccess for an RCP).
func fullAccess(kind authz.Kind) mPolicy {
	s := mStmt{effect: authz.Allow, actions: []string{"*"}, resources: []string{"*"}}
	if kind == authz.RCP {
		s.principal = &mPrin{star: true}
	}
	return mPolicy{kind: kind, version: authz.Version2012, stmts: []mStmt{s}}
}

func genPolicy(kind authz.Kind, o genOpts) *rapid.Generator[mPolicy] {
	return rapid.Custom(func(t *rapid.T) mPolicy {
		p := mPolicy{kind: kind, version: authz.Version2012}
		if kind != authz.Identity && kind != authz.Boundary {
			p.version = rapid.SampledFrom([]string{authz.Version2012, authz.Version2012, authz.Version2012, authz.Version2008, ""}).Draw(t, "version")
		}
		if oneIn(t, 4, "id") {
			p.id = "policy-" + string(kind)
		}
		n := rapid.IntRange(1, 3).Draw(t, "nstmts")
		for i := range n {
			s := genStmt(t, kind, "", o)
			if oneIn(t, 2, "sid") {
				s.sid = fmt.Sprintf("S%d", i)
			}
			p.stmts = append(p.stmts, s)
		}
		p.asList = rapid.Bool().Draw(t, "aslist")
		p.asObject = rapid.Bool().Draw(t, "asobject")
		return p
	})
}

// genChain draws an SCP or RCP chain: levels of one or two policies, most
// holding the full-access policy AWS attaches by default.
func genChain(t *rapid.T, kind authz.Kind, maxLevels int, o genOpts) [][]mPolicy {
	var chain [][]mPolicy
	for range rapid.IntRange(0, maxLevels).Draw(t, "levels") {
		var level []mPolicy
		if !oneIn(t, 5, "nofull") {
			level = append(level, fullAccess(kind))
		}
		if len(level) == 0 || oneIn(t, 2, "extra") {
			level = append(level, genPolicy(kind, o).Draw(t, "guardrail"))
		}
		chain = append(chain, level)
	}
	return chain
}

func isIAM(p authz.Principal) bool {
	switch p.Type {
	case authz.PrincipalRoot, authz.PrincipalUser, authz.PrincipalAssumedRole, authz.PrincipalFederatedUser:
		return true
	}
	return false
}

func isSession(p authz.Principal) bool {
	return p.Type == authz.PrincipalAssumedRole || p.Type == authz.PrincipalFederatedUser
}

// gcase is a request and a policy set.
type gcase struct {
	req *mRequest
	set *mSet
}

// genCaseWith draws a request and a policy set that could really occur
// together: only IAM users and sessions have identity-based policies and
// boundaries, only sessions have session policies, the root user has
// neither.
func genCaseWith(o genOpts) *rapid.Generator[gcase] {
	return rapid.Custom(func(t *rapid.T) gcase {
		req := genRequest(t)
		return gcase{req, genSetFor(t, req.principal, req.action, o)}
	})
}

// genCase draws cases of both kinds: policies over the whole vocabulary,
// and simple policies.
var genCase = rapid.OneOf(genCaseWith(genOpts{}), genCaseWith(genOpts{}), genCaseWith(genOpts{simple: true}))

func genRequest(t *rapid.T) *mRequest {
	p := rapid.SampledFrom(gPrincipals).Draw(t, "principal")
	if p.Type == authz.PrincipalAssumedRole && oneIn(t, 5, "slr") {
		p.ServiceLinked = true
	}
	r := &mRequest{principal: p}
	r.action = rapid.SampledFrom(gActions).Draw(t, "action")
	if oneIn(t, 6, "actioncase") {
		r.action = strings.ToUpper(r.action[:1]) + strings.ToLower(r.action[1:])
	}
	r.resource = rapid.SampledFrom(gResources).Draw(t, "resource")
	r.resourceAccount = rapid.SampledFrom([]string{"", "", gA, gB}).Draw(t, "resourceaccount")
	r.ctx = map[string]mCtxVal{}
	for _, k := range []string{"aws:PrincipalTag/team", "aws:RequestTag/team", "aws:SourceIp", "s3:max-keys", "aws:SecureTransport", "aws:TagKeys", "aws:CurrentTime", "aws:SourceArn"} {
		vals := gContextValues[k]
		switch rapid.IntRange(0, 5).Draw(t, "presence "+k) {
		case 0, 1: // absent
		case 2: // a multi-valued key, perhaps an empty set
			r.ctx[k] = mCtxVal{values: someOf(t, "values "+k, vals, 0, 3), multi: true}
		default:
			if k == "aws:TagKeys" {
				r.ctx[k] = mCtxVal{values: someOf(t, "values "+k, vals, 0, 3), multi: true}
			} else {
				r.ctx[k] = mCtxVal{values: []string{rapid.SampledFrom(vals).Draw(t, "value "+k)}}
			}
		}
	}
	return r
}

func genSetFor(t *rapid.T, p authz.Principal, action string, o genOpts) *mSet {
	s := &mSet{}
	if isIAM(p) && p.Type != authz.PrincipalRoot {
		s.identity = rapid.SliceOfN(genPolicy(authz.Identity, o), 0, 2).Draw(t, "identity")
		if oneIn(t, 3, "boundary") {
			b := genPolicy(authz.Boundary, o).Draw(t, "boundary")
			s.boundary = &b
		}
		if isSession(p) && !oneIn(t, 3, "nosession") {
			sp := genPolicy(authz.Session, o).Draw(t, "session")
			s.session = &sp
		}
	}
	switch {
	case action == "sts:AssumeRole" && !oneIn(t, 3, "notrust"):
		rp := genTrust(t, o)
		s.resource = &rp
	case !oneIn(t, 3, "noresource"):
		rp := genPolicy(authz.Resource, o).Draw(t, "resource")
		s.resource = &rp
	}
	s.scps = genChain(t, authz.SCP, 3, o)
	s.rcps = genChain(t, authz.RCP, 2, o)
	s.mgmtPrincipal = oneIn(t, 5, "mgmtprincipal")
	s.mgmtResource = oneIn(t, 5, "mgmtresource")
	s.requireRP = oneIn(t, 6, "requirerp")
	return s
}

// slot names a place a statement can be added to.
type slot struct {
	kind  authz.Kind
	level int // for SCPs and RCPs
}

// applicableSlots lists the policy types that bear on the request: the
// resource-based policy always, SCP and RCP levels when they apply, the
// principal's own policies for IAM users and sessions.
func applicableSlots(req *mRequest, s *mSet, existingOnly bool) []slot {
	p := req.principal
	out := []slot{{kind: authz.Resource}}
	if isIAM(p) && p.Type != authz.PrincipalRoot {
		out = append(out, slot{kind: authz.Identity})
		if s.boundary != nil || !existingOnly {
			out = append(out, slot{kind: authz.Boundary})
		}
		if isSession(p) && (s.session != nil || !existingOnly) {
			out = append(out, slot{kind: authz.Session})
		}
	}
	if isIAM(p) && !s.mgmtPrincipal && !p.ServiceLinked {
		for lvl := range s.scps {
			out = append(out, slot{kind: authz.SCP, level: lvl})
		}
	}
	if !s.mgmtResource && !p.ServiceLinked {
		for lvl := range s.rcps {
			out = append(out, slot{kind: authz.RCP, level: lvl})
		}
	}
	return out
}

// add appends the statement to the slot, creating the policy if the slot
// has none; SCP and RCP statements go into a new policy of their level,
// statements for a trust policy are made trust statements.
func (s *mSet) add(sl slot, st mStmt) {
	if sl.kind == authz.Resource && s.resource != nil && s.resource.kind == authz.Trust {
		// A trust policy holds only sts:AssumeRole* statements without a
		// resource or NotPrincipal; the request is sts:AssumeRole.
		st.actions, st.notAction, st.resources, st.notRes = []string{"sts:AssumeRole"}, false, nil, false
		if st.notPrin {
			st.principal, st.notPrin = &mPrin{star: true}, false
		}
	}
	newPolicy := mPolicy{kind: sl.kind, version: authz.Version2012, stmts: []mStmt{st}}
	appendTo := func(p **mPolicy) {
		if *p == nil {
			*p = &newPolicy
			return
		}
		(*p).stmts = append((*p).stmts, st)
	}
	switch sl.kind {
	case authz.Identity:
		s.identity = append(s.identity, newPolicy)
	case authz.Boundary:
		appendTo(&s.boundary)
	case authz.Session:
		appendTo(&s.session)
	case authz.Resource:
		appendTo(&s.resource)
	case authz.SCP:
		s.scps[sl.level] = append(s.scps[sl.level], newPolicy)
	case authz.RCP:
		s.rcps[sl.level] = append(s.rcps[sl.level], newPolicy)
	}
}

// matchingDeny draws a Deny statement that matches the request whatever
// else the set holds.
func matchingDeny(t *rapid.T, req *mRequest, kind authz.Kind) mStmt {
	svc, name, _ := strings.Cut(req.action, ":")
	actions := []string{"*", svc + ":*", req.action, strings.ToLower(req.action), svc + ":" + name[:len(name)-1] + "?", "*:" + name}
	resources := []string{"*"}
	if req.resource != "*" {
		resources = append(resources, req.resource)
	}
	st := mStmt{
		effect:    authz.Deny,
		actions:   []string{rapid.SampledFrom(actions).Draw(t, "denyaction")},
		resources: []string{rapid.SampledFrom(resources).Draw(t, "denyresource")},
	}
	if oneIn(t, 3, "denycond") {
		st.conds = []mCond{{op: "StringEqualsIfExists", key: "test:absent", values: []string{"x"}}}
	}
	switch kind {
	case authz.Resource:
		st.principal = &mPrin{star: true}
		if p := req.principal; p.ARN != "" && oneIn(t, 2, "denyprincipal") {
			st.principal = &mPrin{aws: []string{p.ARN}}
			if p.Type == authz.PrincipalRoot {
				st.principal = &mPrin{aws: []string{p.Account}}
			}
		} else if p.Type == authz.PrincipalService {
			st.principal = &mPrin{service: []string{p.Service}}
		}
	case authz.RCP:
		st.principal = &mPrin{star: true}
	}
	return st
}

// Properties.

func evaluate(t tb, req *mRequest, set *mSet) authz.Decision {
	t.Helper()
	return authz.Evaluate(req.build(), set.build(t))
}

// propExplicitDenyWins: adding a Deny statement that matches the request
// to any policy type that applies to it makes the decision ExplicitDeny.
func propExplicitDenyWins(t *rapid.T) {
	c := genCase.Draw(t, "case")
	slots := applicableSlots(c.req, c.set, false)
	sl := rapid.SampledFrom(slots).Draw(t, "slot")
	with := c.set.clone()
	with.add(sl, matchingDeny(t, c.req, sl.kind))
	req, set := c.req.build(), with.build(t)
	if got := authz.Evaluate(req, set); got != authz.ExplicitDeny {
		t.Fatalf("a matching Deny in the %s (level %d) gives %v, want explicitDeny\nrequest: %s\nset:\n%s%s",
			sl.kind, sl.level, got, c.req, with, authz.Explain(req, set))
	}
}

// propAllowMonotone: adding an Allow statement to a policy that already
// bears on the request never turns an Allow into a deny.
func propAllowMonotone(t *rapid.T) {
	c := genCase.Draw(t, "case")
	sl := rapid.SampledFrom(applicableSlots(c.req, c.set, true)).Draw(t, "slot")
	with := c.set.clone()
	with.add(sl, genStmt(t, sl.kind, authz.Allow, genOpts{}))
	before, after := evaluate(t, c.req, c.set), evaluate(t, c.req, with)
	if before == authz.Allowed && after != authz.Allowed {
		t.Fatalf("adding an Allow to the %s (level %d) turned allowed into %v\nrequest: %s\nbefore:\n%safter:\n%s",
			sl.kind, sl.level, after, c.req, c.set, with)
	}
}

// propDenyMonotone: adding a Deny statement anywhere (even as a new
// boundary, session policy, SCP or RCP level) never turns a deny into an
// Allow, and an explicit deny stays explicit.
func propDenyMonotone(t *rapid.T) {
	c := genCase.Draw(t, "case")
	slots := applicableSlots(c.req, c.set, false)
	with := c.set.clone()
	sl := rapid.SampledFrom(slots).Draw(t, "slot")
	if (sl.kind == authz.SCP || sl.kind == authz.RCP) && oneIn(t, 3, "newlevel") {
		lvl := []mPolicy{{kind: sl.kind, version: authz.Version2012, stmts: []mStmt{genStmt(t, sl.kind, authz.Deny, genOpts{})}}}
		if sl.kind == authz.SCP {
			with.scps = append(with.scps, lvl)
		} else {
			with.rcps = append(with.rcps, lvl)
		}
	} else {
		with.add(sl, genStmt(t, sl.kind, authz.Deny, genOpts{}))
	}
	before, after := evaluate(t, c.req, c.set), evaluate(t, c.req, with)
	if before != authz.Allowed && after == authz.Allowed || before == authz.ExplicitDeny && after != authz.ExplicitDeny {
		t.Fatalf("adding a Deny to the %s (level %d) turned %v into %v\nrequest: %s\nbefore:\n%safter:\n%s",
			sl.kind, sl.level, before, after, c.req, c.set, with)
	}
}

// propGuardrailsNarrow: a permissions boundary, a session policy (for a
// role session; a federated user without one has no permissions), an SCP
// level or an RCP level, whatever it holds, never turns a deny into an
// Allow: the set with it allows only what the set without it allows.
func propGuardrailsNarrow(t *rapid.T) {
	c := genCase.Draw(t, "case")
	p := c.req.principal
	kinds := []authz.Kind{authz.SCP, authz.RCP}
	if isIAM(p) && p.Type != authz.PrincipalRoot {
		kinds = append(kinds, authz.Boundary)
	}
	if p.Type == authz.PrincipalAssumedRole {
		kinds = append(kinds, authz.Session)
	}
	kind := rapid.SampledFrom(kinds).Draw(t, "kind")
	without, with := c.set.clone(), c.set.clone()
	g := genPolicy(kind, genOpts{}).Draw(t, "guardrail")
	switch kind {
	case authz.Boundary:
		without.boundary, with.boundary = nil, &g
	case authz.Session:
		without.session, with.session = nil, &g
	case authz.SCP:
		with.scps = append(with.scps, []mPolicy{g})
	case authz.RCP:
		with.rcps = append(with.rcps, []mPolicy{g})
	}
	before, after := evaluate(t, c.req, without), evaluate(t, c.req, with)
	if before != authz.Allowed && after == authz.Allowed {
		t.Fatalf("a %s turned %v into allowed\nrequest: %s\nwithout:\n%swith:\n%s", kind, before, c.req, without, with)
	}
}

// propRoundTrip: parse(marshal(p)) == p, and marshalling is stable.
func propRoundTrip(t *rapid.T) {
	kind := rapid.SampledFrom(authz.Kind("").Values()).Draw(t, "kind")
	if kind == authz.Trust {
		kind = authz.Resource // trust policies have their own generator below
	}
	m := genPolicy(kind, genOpts{}).Draw(t, "policy")
	if kind == authz.Resource && oneIn(t, 3, "trust") {
		m = genTrust(t, genOpts{})
	}
	p := m.parse(t)
	out, err := p.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	q, err := authz.Parse(p.Kind(), out)
	if err != nil {
		t.Fatalf("Parse(MarshalJSON(p)): %v\nin:  %s\nout: %s", err, m.render(), out)
	}
	if diff := cmp.Diff(p, q); diff != "" {
		t.Fatalf("parse(marshal(p)) != p (-p +q):\n%s\nin:  %s\nout: %s", diff, m.render(), out)
	}
	again, _ := q.MarshalJSON()
	if string(again) != string(out) {
		t.Fatalf("marshal is not stable:\n%s\n%s", out, again)
	}
	if got := len(p.Statements); got != len(m.stmts) {
		t.Fatalf("%d statements, want %d", got, len(m.stmts))
	}
}

// genTrust draws a role trust policy: Allow and Deny statements with
// principals, for the sts:AssumeRole family, without a resource.
func genTrust(t *rapid.T, o genOpts) mPolicy {
	p := mPolicy{kind: authz.Trust, version: rapid.SampledFrom([]string{authz.Version2012, authz.Version2008}).Draw(t, "version")}
	for range rapid.IntRange(1, 2).Draw(t, "nstmts") {
		s := genStmt(t, authz.Resource, "", o)
		if s.notPrin {
			s.principal, s.notPrin = &mPrin{star: true}, false // no NotPrincipal in trust policies
		}
		s.actions = someOf(t, "actions", []string{"sts:AssumeRole", "sts:TagSession", "sts:AssumeRoleWithWebIdentity"}, 1, 2)
		s.notAction, s.resources, s.notRes = false, nil, false
		p.stmts = append(p.stmts, s)
	}
	return p
}

// propExplainAgrees: Explain decides like Evaluate, and its explanation is
// consistent with the decision.
func propExplainAgrees(t *rapid.T) {
	c := genCase.Draw(t, "case")
	req, set := c.req.build(), c.set.build(t)
	got := authz.Evaluate(req, set)
	exp := authz.Explain(req, set)
	if exp.Decision != got {
		t.Fatalf("Evaluate = %v, Explain = %v\nrequest: %s\nset:\n%s%s", got, exp.Decision, c.req, c.set, exp)
	}
	hasDeny := slices.ContainsFunc(exp.Matched, func(m authz.MatchedStatement) bool { return m.Effect == authz.Deny })
	switch got {
	case authz.ExplicitDeny:
		if !hasDeny {
			t.Fatalf("explicit deny without a matched Deny statement\n%s", exp)
		}
	case authz.Allowed:
		if exp.DecidedBy != authz.Identity && exp.DecidedBy != authz.Resource && exp.DecidedBy != authz.Trust {
			t.Fatalf("allowed by %q\n%s", exp.DecidedBy, exp)
		}
		if exp.Reason() != "" {
			t.Fatalf("allowed with reason %q", exp.Reason())
		}
	case authz.ImplicitDeny:
		if exp.Reason() == "" || exp.DecidedBy == "" {
			t.Fatalf("implicit deny without a reason\n%s", exp)
		}
	}
}

func TestPropExplicitDenyWins(t *testing.T) { rapid.Check(t, propExplicitDenyWins) }
func TestPropAllowMonotone(t *testing.T)    { rapid.Check(t, propAllowMonotone) }
func TestPropDenyMonotone(t *testing.T)     { rapid.Check(t, propDenyMonotone) }
func TestPropGuardrailsNarrow(t *testing.T) { rapid.Check(t, propGuardrailsNarrow) }
func TestPropRoundTrip(t *testing.T)        { rapid.Check(t, propRoundTrip) }
func TestPropExplainAgrees(t *testing.T)    { rapid.Check(t, propExplainAgrees) }
func FuzzPropExplicitDenyWins(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propExplicitDenyWins)) }
func FuzzPropAllowMonotone(f *testing.F)    { f.Fuzz(rapid.MakeFuzz(propAllowMonotone)) }
func FuzzPropDenyMonotone(f *testing.F)     { f.Fuzz(rapid.MakeFuzz(propDenyMonotone)) }
func FuzzPropGuardrailsNarrow(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propGuardrailsNarrow)) }
func FuzzPropRoundTrip(f *testing.F)        { f.Fuzz(rapid.MakeFuzz(propRoundTrip)) }
func FuzzPropExplainAgrees(f *testing.F)    { f.Fuzz(rapid.MakeFuzz(propExplainAgrees)) }

// TestGeneratorCoverage guards the properties against vacuity: the
// generated cases must reach every decision, and each often enough.
func TestGeneratorCoverage(t *testing.T) {
	count := map[authz.Decision]int{}
	const n = 300
	for i := range n {
		c := genCase.Example(i)
		count[evaluate(t, c.req, c.set)]++
	}
	t.Logf("decisions of %d generated cases: %v", n, count)
	for _, d := range []authz.Decision{authz.Allowed, authz.ImplicitDeny, authz.ExplicitDeny} {
		if count[d] < n/10 {
			t.Errorf("%v in %d of %d generated cases, want at least %d (%v)", d, count[d], n, n/10, count)
		}
	}
}
