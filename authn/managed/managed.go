package managed

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Policy is one AWS managed policy at its default version.
type Policy struct {
	// Name is the policy's name, e.g. "AmazonInspector2ReadOnlyAccess".
	Name string
	// ARN is arn:aws:iam::aws:policy{Path}{Name}.
	ARN string
	// Path is "/" or "/aws-service-role/".
	Path string
	// Description is the policy's description as IAM gives it.
	Description string
	// VersionID is the id of the default version the document is, e.g. "v8".
	VersionID string
	// Document is the JSON policy document.
	Document string
	// Parsed is Document parsed as an identity-based policy. Every copy
	// shares it; like every authz.Policy it must not be modified.
	Parsed *authz.Policy
}

// ARNPrefix starts the ARN of every AWS managed policy in the aws
// partition.
const ARNPrefix = "arn:aws:iam::aws:policy"

// Paths of AWS managed policies.
const (
	// PathRoot is the path of the policies customers attach.
	PathRoot = "/"
	// PathServiceRole is the path of the policies of service-linked roles.
	PathServiceRole = "/aws-service-role/"
)

// entry describes one embedded document: policies/{name}.json.
type entry struct {
	name, path, description, version string
}

// entries is the catalogue. Each document is the default version named
// here, as IAM's GetPolicyVersion returns it (the text of moto 5.2.1's
// aws_managed_policies.py, a snapshot of the live IAM API taken in April
// 2026), checked against the AWS managed policy reference page named
// with it; keys are in the reference page's order
// (Version, Statement; Sid, Effect, Action, Resource, Condition) and the
// whitespace is ours. "Verbatim" means no statement, action, resource or
// condition was changed.
var entries = [...]entry{
	// policies/AdministratorAccess.json: v1 (2015-02-06), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
	{"AdministratorAccess", PathRoot, "Provides full access to AWS services and resources.", "v1"},

	// policies/AmazonInspector2AgentlessServiceRolePolicy.json: v1
	// (2023-11-20), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspector2AgentlessServiceRolePolicy.html
	{"AmazonInspector2AgentlessServiceRolePolicy", PathServiceRole, "Grants Amazon Inspector access to AWS Services needed to perform agent-less security assessments", "v1"},

	// policies/AmazonInspector2FullAccess.json: v4 (2024-04-25), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspector2FullAccess.html
	{"AmazonInspector2FullAccess", PathRoot, "Provides full access to Amazon Inspector and access to other related services such as organizations.", "v4"},

	// policies/AmazonInspector2ReadOnlyAccess.json: v8 (2026-02-12),
	// verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspector2ReadOnlyAccess.html
	{"AmazonInspector2ReadOnlyAccess", PathRoot, "Provides read only access to the Amazon inspector2 service and relevant support services", "v8"},

	// policies/AmazonInspector2ServiceRolePolicy.json: v26 (2026-02-13),
	// verbatim (6,891 characters without whitespace: more than a customer
	// managed policy may hold, which AWS managed policies are not held to).
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspector2ServiceRolePolicy.html
	{"AmazonInspector2ServiceRolePolicy", PathServiceRole, "Grants Amazon Inspector access to AWS Services needed to perform security assessments", "v26"},

	// policies/AmazonInspectorFullAccess.json: v5 (2017-12-21), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspectorFullAccess.html
	{"AmazonInspectorFullAccess", PathRoot, "Provides full access to Amazon Inspector.", "v5"},

	// policies/AmazonInspectorReadOnlyAccess.json: v4 (2019-10-01),
	// verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspectorReadOnlyAccess.html
	{"AmazonInspectorReadOnlyAccess", PathRoot, "Provides read only access to Amazon Inspector.", "v4"},

	// policies/AmazonInspectorServiceRolePolicy.json: v5 (2020-09-11),
	// verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonInspectorServiceRolePolicy.html
	{"AmazonInspectorServiceRolePolicy", PathServiceRole, "Grants Amazon Inspector access to AWS Services needed to perform security assessments", "v5"},

	// policies/AWSOrganizationsFullAccess.json: v9 (2026-02-12), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsFullAccess.html
	{"AWSOrganizationsFullAccess", PathRoot, "Provides full access to AWS Organizations.", "v9"},

	// policies/AWSOrganizationsReadOnlyAccess.json: v6 (2024-06-07),
	// verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsReadOnlyAccess.html
	{"AWSOrganizationsReadOnlyAccess", PathRoot, "Provides read-only access to AWS Organizations.", "v6"},

	// policies/AWSOrganizationsServiceTrustPolicy.json: v3 (2026-03-05),
	// verbatim. Older copies of the reference page show v2 (2017-11-01),
	// which lacks the ListRolesSLR statement.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsServiceTrustPolicy.html
	{"AWSOrganizationsServiceTrustPolicy", PathServiceRole, "A policy to allow AWS Organizations to share trust with other approved AWS services for the purpose of simplifying customer configuration.", "v3"},

	// policies/IAMFullAccess.json: v2 (2019-06-21), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
	{"IAMFullAccess", PathRoot, "Provides full access to IAM via the AWS Management Console.", "v2"},

	// policies/IAMReadOnlyAccess.json: v4 (2018-01-25), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMReadOnlyAccess.html
	{"IAMReadOnlyAccess", PathRoot, "Provides read only access to IAM via the AWS Management Console.", "v4"},

	// policies/PowerUserAccess.json: v12 (2026-02-12), verbatim.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html
	{"PowerUserAccess", PathRoot, "Provides full access to AWS services and resources, but does not allow management of Users and groups.", "v12"},

	// policies/ReadOnlyAccess.json: v182 (2026-04-03), SUBSET: the real
	// document (testdata/aws/ReadOnlyAccess.json, some 85,000 characters)
	// grants reads on every AWS service; this one keeps the actions of
	// iam, sts, organizations, inspector2 and inspector and the ec2, ecr
	// and lambda reads Inspector needs. See the package documentation.
	// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html
	{"ReadOnlyAccess", PathRoot, "Provides read-only access to AWS services and resources.", "v182"},
}

//go:embed policies/*.json
var documents embed.FS

// catalogue is the parsed catalogue, immutable once built.
type catalogue struct {
	byName map[string]*Policy
	byARN  map[string]*Policy
	all    []*Policy // sorted by name
	err    error
}

// loaded builds the catalogue once, on first use.
var loaded = sync.OnceValue(func() *catalogue { return build(documents) })

// build parses every entry's document from fsys. Entries whose document
// is missing or does not parse are left out and reported in err, as are
// documents in fsys that no entry names.
func build(fsys fs.FS) *catalogue {
	c := &catalogue{
		byName: make(map[string]*Policy, len(entries)),
		byARN:  make(map[string]*Policy, len(entries)),
	}
	var errs []error
	for _, e := range entries {
		doc, err := fs.ReadFile(fsys, "policies/"+e.name+".json")
		if err != nil {
			errs = append(errs, fmt.Errorf("managed policy %s: %w", e.name, err))
			continue
		}
		parsed, err := authz.ParseAWSManaged(doc)
		if err != nil {
			errs = append(errs, fmt.Errorf("managed policy %s: %w", e.name, err))
			continue
		}
		p := &Policy{
			Name:        e.name,
			ARN:         ARNPrefix + e.path + e.name,
			Path:        e.path,
			Description: e.description,
			VersionID:   e.version,
			Document:    string(doc),
			Parsed:      parsed,
		}
		c.byName[p.Name] = p
		c.byARN[p.ARN] = p
		c.all = append(c.all, p)
	}
	files, err := fs.Glob(fsys, "policies/*.json")
	if err != nil {
		errs = append(errs, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".json")
		if !known(name) {
			errs = append(errs, fmt.Errorf("managed policy document %s: not in the catalogue", f))
		}
	}
	sort.Slice(c.all, func(i, j int) bool { return c.all[i].Name < c.all[j].Name })
	c.err = errors.Join(errs...)
	return c
}

func known(name string) bool {
	for _, e := range entries {
		if e.name == name {
			return true
		}
	}
	return false
}

// Load parses the embedded documents if that has not been done yet and
// reports whether every one of them parsed: nil, or the failures joined
// (each naming its policy and wrapping authz's error). A policy that
// failed is absent from [Get], [ByARN] and [All]; the others are served.
func Load() error { return loaded().err }

// Get returns a copy of the managed policy with the given name, e.g.
// "IAMReadOnlyAccess". Names match exactly.
func Get(name string) (*Policy, bool) {
	p, ok := loaded().byName[name]
	if !ok {
		return nil, false
	}
	cp := *p
	return &cp, true
}

// ByARN returns a copy of the managed policy with the given ARN, e.g.
// "arn:aws:iam::aws:policy/aws-service-role/AmazonInspector2ServiceRolePolicy".
// ARNs match exactly, path included.
func ByARN(arn string) (*Policy, bool) {
	p, ok := loaded().byARN[arn]
	if !ok {
		return nil, false
	}
	cp := *p
	return &cp, true
}

// All returns copies of every policy in the catalogue, sorted by name.
func All() []*Policy {
	c := loaded()
	out := make([]*Policy, len(c.all))
	for i, p := range c.all {
		cp := *p
		out[i] = &cp
	}
	return out
}

// Named returns the policy as an [authz.Named] whose name is its ARN, for
// [authz.NewPolicyList].
func (p *Policy) Named() authz.Named {
	return authz.Named{Name: p.ARN, Policy: p.Parsed}
}
