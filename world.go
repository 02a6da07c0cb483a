package awsaccess

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
	"github.com/seed-e2e06c4d/awsaccess/org"
)

// World describes a starting state for a Cloud: accounts with their IAM
// users, roles and policies, an organization, resources for Inspector to
// scan and extra advisories. `awsaccess serve -world FILE` reads one as
// JSON; DefaultWorld is the embedded one the server starts with.
type World struct {
	Accounts     []WorldAccount     `json:"accounts"`
	Organization *WorldOrganization `json:"organization,omitempty"`
	Resources    []WorldResource    `json:"resources,omitempty"`
	// Advisories are OSV documents added to the advisory database.
	Advisories []json.RawMessage `json:"advisories,omitempty"`
}

// WorldAccount is one account and its IAM contents.
type WorldAccount struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	// RootAccessKey gives the root user an access key.
	RootAccessKey bool          `json:"rootAccessKey,omitempty"`
	Policies      []WorldPolicy `json:"policies,omitempty"`
	Users         []WorldUser   `json:"users,omitempty"`
	Roles         []WorldRole   `json:"roles,omitempty"`
}

// WorldPolicy is a customer managed policy.
type WorldPolicy struct {
	Name     string          `json:"name"`
	Path     string          `json:"path,omitempty"`
	Document json.RawMessage `json:"document"`
}

// WorldUser is an IAM user. Policies are managed policy ARNs (AWS managed
// ones, or arn:aws:iam::ACCOUNT:policy/NAME of the account's own);
// InlinePolicies are by name.
type WorldUser struct {
	Name           string                     `json:"name"`
	Path           string                     `json:"path,omitempty"`
	Policies       []string                   `json:"policies,omitempty"`
	InlinePolicies map[string]json.RawMessage `json:"inlinePolicies,omitempty"`
	Boundary       string                     `json:"permissionsBoundary,omitempty"`
	AccessKey      bool                       `json:"accessKey,omitempty"`
}

// WorldRole is an IAM role; InstanceProfile also creates an instance
// profile of the role's name holding it.
type WorldRole struct {
	Name            string                     `json:"name"`
	Path            string                     `json:"path,omitempty"`
	TrustPolicy     json.RawMessage            `json:"trustPolicy"`
	Policies        []string                   `json:"policies,omitempty"`
	InlinePolicies  map[string]json.RawMessage `json:"inlinePolicies,omitempty"`
	InstanceProfile bool                       `json:"instanceProfile,omitempty"`
}

// WorldOrganization is an organization (all features) whose members were
// invited and have accepted.
type WorldOrganization struct {
	Management string   `json:"management"`
	Members    []string `json:"members"`
}

// WorldResource is a resource Inspector scans, registered in an account
// and region; exactly one of EC2, ECR and Lambda is set.
type WorldResource struct {
	Account string                    `json:"account"`
	Region  string                    `json:"region"`
	EC2     *inspector.EC2Instance    `json:"ec2,omitempty"`
	ECR     *inspector.ECRImage       `json:"ecr,omitempty"`
	Lambda  *inspector.LambdaFunction `json:"lambda,omitempty"`
	// InstanceProfile gives an EC2 instance the instance profile of this
	// name (for IMDS credentials).
	InstanceProfile string `json:"instanceProfile,omitempty"`
}

// WorldKey is an access key the world created, with its secret.
type WorldKey struct {
	Account         string
	UserName        string // "" for the root user
	AccessKeyID     string
	SecretAccessKey string
}

//go:embed world.json
var defaultWorld []byte

// DefaultWorld returns the embedded world `awsaccess serve` starts with: a
// management account with an administrator and a read-only auditor, an
// organization of three members (a security account meant as Inspector's
// delegated administrator and two workload accounts with vulnerable EC2
// instances, an ECR image and a Lambda function), each member with an
// administrator.
func DefaultWorld() World {
	var w World
	if err := json.Unmarshal(defaultWorld, &w); err != nil {
		panic("awsaccess: the embedded world.json is invalid: " + err.Error()) // caught by tests
	}
	return w
}

// ParseWorld reads a World from JSON.
func ParseWorld(data []byte) (World, error) {
	var w World
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return World{}, fmt.Errorf("world: %w", err)
	}
	return w, nil
}

// Apply builds the world in the Cloud, as the accounts' root users would,
// and returns the access keys it created. It stops at the first error.
func (c *Cloud) Apply(w World) ([]WorldKey, error) {
	var keys []WorldKey
	for _, a := range w.Accounts {
		ks, err := c.applyAccount(a)
		if err != nil {
			return keys, fmt.Errorf("world: account %s: %w", a.ID, err)
		}
		keys = append(keys, ks...)
	}
	if o := w.Organization; o != nil {
		if err := c.applyOrganization(o); err != nil {
			return keys, fmt.Errorf("world: organization: %w", err)
		}
	}
	for i, doc := range w.Advisories {
		adv, err := advisory.ParseOSV(doc)
		if err != nil {
			return keys, fmt.Errorf("world: advisory %d: %w", i, err)
		}
		if err := c.cfg.Advisories.Add(adv); err != nil {
			return keys, fmt.Errorf("world: advisory %s: %w", adv.ID, err)
		}
	}
	for i, r := range w.Resources {
		if err := c.applyResource(r); err != nil {
			return keys, fmt.Errorf("world: resource %d: %w", i, err)
		}
	}
	return keys, nil
}

func (c *Cloud) applyAccount(a WorldAccount) ([]WorldKey, error) {
	if _, err := c.CreateAccount(a.ID, a.Email, a.Name); err != nil {
		return nil, err
	}
	acct, err := c.dir.Account(a.ID)
	if err != nil {
		return nil, err
	}
	var keys []WorldKey
	if a.RootAccessKey {
		k, err := acct.CreateAccessKey("")
		if err != nil {
			return nil, err
		}
		keys = append(keys, WorldKey{Account: a.ID, AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey})
	}
	for _, p := range a.Policies {
		if _, err := acct.CreatePolicy(authn.CreatePolicyInput{Path: p.Path, PolicyName: p.Name, PolicyDocument: string(p.Document)}); err != nil {
			return nil, fmt.Errorf("policy %s: %w", p.Name, err)
		}
	}
	for _, u := range a.Users {
		if _, err := acct.CreateUser(authn.CreateUserInput{Path: u.Path, UserName: u.Name, PermissionsBoundary: u.Boundary}); err != nil {
			return nil, fmt.Errorf("user %s: %w", u.Name, err)
		}
		for _, arn := range u.Policies {
			if err := acct.AttachUserPolicy(u.Name, arn); err != nil {
				return nil, fmt.Errorf("user %s: %w", u.Name, err)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(u.InlinePolicies)) {
			if err := acct.PutUserPolicy(u.Name, name, string(u.InlinePolicies[name])); err != nil {
				return nil, fmt.Errorf("user %s: %w", u.Name, err)
			}
		}
		if u.AccessKey {
			k, err := acct.CreateAccessKey(u.Name)
			if err != nil {
				return nil, fmt.Errorf("user %s: %w", u.Name, err)
			}
			keys = append(keys, WorldKey{Account: a.ID, UserName: u.Name, AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey})
		}
	}
	for _, r := range a.Roles {
		if _, err := acct.CreateRole(authn.CreateRoleInput{Path: r.Path, RoleName: r.Name, AssumeRolePolicyDocument: string(r.TrustPolicy)}); err != nil {
			return nil, fmt.Errorf("role %s: %w", r.Name, err)
		}
		for _, arn := range r.Policies {
			if err := acct.AttachRolePolicy(r.Name, arn); err != nil {
				return nil, fmt.Errorf("role %s: %w", r.Name, err)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(r.InlinePolicies)) {
			if err := acct.PutRolePolicy(r.Name, name, string(r.InlinePolicies[name])); err != nil {
				return nil, fmt.Errorf("role %s: %w", r.Name, err)
			}
		}
		if r.InstanceProfile {
			if _, err := acct.CreateInstanceProfile("/", r.Name, nil); err != nil {
				return nil, fmt.Errorf("role %s: %w", r.Name, err)
			}
			if err := acct.AddRoleToInstanceProfile(r.Name, r.Name); err != nil {
				return nil, fmt.Errorf("role %s: %w", r.Name, err)
			}
		}
	}
	return keys, nil
}

func (c *Cloud) applyOrganization(o *WorldOrganization) error {
	root := func(id string) (*authz.Principal, error) {
		acct, err := c.dir.Account(id)
		if err != nil {
			return nil, err
		}
		p := acct.Root()
		return &p, nil
	}
	mgmt, err := root(o.Management)
	if err != nil {
		return err
	}
	if _, err := c.org.CreateOrganization(mgmt, org.CreateOrganizationInput{FeatureSet: "ALL"}); err != nil {
		return err
	}
	for _, id := range o.Members {
		inv, err := c.org.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: id, Type: "ACCOUNT"}})
		if err != nil {
			return fmt.Errorf("inviting %s: %w", id, err)
		}
		member, err := root(id)
		if err != nil {
			return err
		}
		if _, err := c.org.AcceptHandshake(member, org.AcceptHandshakeInput{HandshakeId: inv.Handshake.Id}); err != nil {
			return fmt.Errorf("%s accepting: %w", id, err)
		}
	}
	return nil
}

func (c *Cloud) applyResource(r WorldResource) error {
	region := r.Region
	if region == "" {
		region = c.cfg.Regions[0]
	}
	switch {
	case r.EC2 != nil:
		if _, err := c.inspector.PutEC2Instance(region, r.Account, *r.EC2); err != nil {
			return err
		}
		if r.InstanceProfile != "" {
			return c.dir.RegisterInstance(r.Account, r.EC2.InstanceID, r.InstanceProfile)
		}
		return nil
	case r.ECR != nil:
		_, err := c.inspector.PutECRImage(region, r.Account, *r.ECR)
		return err
	case r.Lambda != nil:
		_, err := c.inspector.PutLambdaFunction(region, r.Account, *r.Lambda)
		return err
	}
	return fmt.Errorf("no ec2, ecr or lambda given")
}
