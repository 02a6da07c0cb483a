package org

import (
	"slices"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// container finds the root or an OU of the organization.
func (g *orgState) container(id string) *container {
	if id == g.root.id {
		return g.root
	}
	return g.ous[id]
}

func (o *Organization) ouLocked(g *orgState, c *container) OrganizationalUnit {
	return OrganizationalUnit{Arn: o.ouARN(g, c.id), Id: c.id, Name: c.name, Path: c.path[0]}
}

// CreateOrganizationalUnitInput is the input of CreateOrganizationalUnit.
type CreateOrganizationalUnitInput struct {
	Name     string `json:"Name"`
	ParentId string `json:"ParentId"`
	Tags     []Tag  `json:"Tags,omitempty"`
}

// CreateOrganizationalUnitOutput is the output of CreateOrganizationalUnit.
type CreateOrganizationalUnitOutput struct {
	OrganizationalUnit OrganizationalUnit `json:"OrganizationalUnit"`
}

// CreateOrganizationalUnit creates an OU under the root or another OU. OUs
// nest at most MaxOUDepth deep (ConstraintViolationException
// OU_DEPTH_LIMIT_EXCEEDED), an organization has at most MaxOUs
// (OU_NUMBER_LIMIT_EXCEEDED), and siblings have distinct names
// (DuplicateOrganizationalUnitException). The new OU gets the AWS managed
// policy of every enabled policy type.
func (o *Organization) CreateOrganizationalUnit(caller *authz.Principal, in CreateOrganizationalUnitInput) (CreateOrganizationalUnitOutput, error) {
	if err := validParentID(in.ParentId); err != nil {
		return CreateOrganizationalUnitOutput{}, err
	}
	if err := validLength(in.Name, 1, 128); err != nil {
		return CreateOrganizationalUnitOutput{}, err
	}
	if err := validNewTags(in.Tags); err != nil {
		return CreateOrganizationalUnitOutput{}, err
	}
	return inOrg(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("CreateOrganizationalUnit", requestTags(condition{}, in.Tags), c.entityARN(in.ParentId))
	}, func(_ *call, g *orgState) (CreateOrganizationalUnitOutput, error) {
		parent := g.container(in.ParentId)
		if parent == nil {
			return CreateOrganizationalUnitOutput{}, newError("ParentNotFoundException", msgParentNotFound)
		}
		if parent.depth >= MaxOUDepth {
			return CreateOrganizationalUnitOutput{}, errConstraint(ConstraintViolationExceptionReasonOuDepthLimitExceeded)
		}
		if len(g.ous) >= MaxOUs {
			return CreateOrganizationalUnitOutput{}, errConstraint(ConstraintViolationExceptionReasonOuNumberLimitExceeded)
		}
		for _, sib := range parent.ous {
			if sib.name == in.Name {
				return CreateOrganizationalUnitOutput{}, newError("DuplicateOrganizationalUnitException", msgDuplicateOU)
			}
		}
		ou := &container{name: in.Name, parent: parent, depth: parent.depth + 1, seq: o.nextSeq(), tags: tagMap(in.Tags)}
		for ou.id == "" || g.ous[ou.id] != nil {
			ou.id = "ou-" + g.root.id[2:] + "-" + o.randString(8)
		}
		ou.path = []string{parent.path[0] + ou.id + "/"}
		parent.ous = append(parent.ous, ou)
		g.ous[ou.id] = ou
		o.joinPoliciesLocked(g, ou.id, &ou.target)
		return CreateOrganizationalUnitOutput{OrganizationalUnit: o.ouLocked(g, ou)}, nil
	})
}

// UpdateOrganizationalUnitInput is the input of UpdateOrganizationalUnit.
type UpdateOrganizationalUnitInput struct {
	// Name is the new name; "" leaves it unchanged.
	Name                 string `json:"Name,omitempty"`
	OrganizationalUnitId string `json:"OrganizationalUnitId"`
}

// UpdateOrganizationalUnitOutput is the output of UpdateOrganizationalUnit.
type UpdateOrganizationalUnitOutput struct {
	OrganizationalUnit OrganizationalUnit `json:"OrganizationalUnit"`
}

// UpdateOrganizationalUnit renames an OU.
func (o *Organization) UpdateOrganizationalUnit(caller *authz.Principal, in UpdateOrganizationalUnitInput) (UpdateOrganizationalUnitOutput, error) {
	if err := validOUID(in.OrganizationalUnitId); err != nil {
		return UpdateOrganizationalUnitOutput{}, err
	}
	if in.Name != "" {
		if err := validLength(in.Name, 1, 128); err != nil {
			return UpdateOrganizationalUnitOutput{}, err
		}
	}
	return inOrg(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("UpdateOrganizationalUnit", condition{}, c.ouARN(in.OrganizationalUnitId))
	}, func(_ *call, g *orgState) (UpdateOrganizationalUnitOutput, error) {
		ou := g.ous[in.OrganizationalUnitId]
		if ou == nil {
			return UpdateOrganizationalUnitOutput{}, newError("OrganizationalUnitNotFoundException", msgOUNotFound)
		}
		if in.Name != "" && in.Name != ou.name {
			for _, sib := range ou.parent.ous {
				if sib.name == in.Name {
					return UpdateOrganizationalUnitOutput{}, newError("DuplicateOrganizationalUnitException", msgDuplicateOU)
				}
			}
			ou.name = in.Name
		}
		return UpdateOrganizationalUnitOutput{OrganizationalUnit: o.ouLocked(g, ou)}, nil
	})
}

// DeleteOrganizationalUnitInput is the input of DeleteOrganizationalUnit.
type DeleteOrganizationalUnitInput struct {
	OrganizationalUnitId string `json:"OrganizationalUnitId"`
}

// DeleteOrganizationalUnit deletes an OU that holds no account and no OU
// (OrganizationalUnitNotEmptyException otherwise).
func (o *Organization) DeleteOrganizationalUnit(caller *authz.Principal, in DeleteOrganizationalUnitInput) error {
	if err := validOUID(in.OrganizationalUnitId); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("DeleteOrganizationalUnit", condition{}, c.ouARN(in.OrganizationalUnitId))
	}, func(c *call, g *orgState) error {
		ou := g.ous[in.OrganizationalUnitId]
		if ou == nil {
			return newError("OrganizationalUnitNotFoundException", msgOUNotFound)
		}
		if len(ou.accounts) > 0 || len(ou.ous) > 0 {
			return newError("OrganizationalUnitNotEmptyException", msgOUNotEmpty)
		}
		o.detachAllLocked(g, ou.id, &ou.target)
		ou.parent.ous = slices.DeleteFunc(ou.parent.ous, func(c *container) bool { return c == ou })
		delete(g.ous, ou.id)
		g.changed()
		return nil
	})
}

// DescribeOrganizationalUnitInput is the input of
// DescribeOrganizationalUnit.
type DescribeOrganizationalUnitInput struct {
	OrganizationalUnitId string `json:"OrganizationalUnitId"`
}

// DescribeOrganizationalUnitOutput is the output of
// DescribeOrganizationalUnit.
type DescribeOrganizationalUnitOutput struct {
	OrganizationalUnit OrganizationalUnit `json:"OrganizationalUnit"`
}

// DescribeOrganizationalUnit describes an OU.
func (o *Organization) DescribeOrganizationalUnit(caller *authz.Principal, in DescribeOrganizationalUnitInput) (DescribeOrganizationalUnitOutput, error) {
	if err := validOUID(in.OrganizationalUnitId); err != nil {
		return DescribeOrganizationalUnitOutput{}, err
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize("DescribeOrganizationalUnit", condition{}, c.ouARN(in.OrganizationalUnitId))
	}, func(_ *call, g *orgState) (DescribeOrganizationalUnitOutput, error) {
		ou := g.ous[in.OrganizationalUnitId]
		if ou == nil {
			return DescribeOrganizationalUnitOutput{}, newError("OrganizationalUnitNotFoundException", msgOUNotFound)
		}
		return DescribeOrganizationalUnitOutput{OrganizationalUnit: o.ouLocked(g, ou)}, nil
	})
}

// ListOrganizationalUnitsForParentInput is the input of
// ListOrganizationalUnitsForParent.
type ListOrganizationalUnitsForParentInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
	ParentId   string `json:"ParentId"`
}

// ListOrganizationalUnitsForParentOutput is the output of
// ListOrganizationalUnitsForParent.
type ListOrganizationalUnitsForParentOutput struct {
	NextToken           string               `json:"NextToken,omitempty"`
	OrganizationalUnits []OrganizationalUnit `json:"OrganizationalUnits"`
}

// ListOrganizationalUnitsForParent lists the OUs directly under a root or
// OU, in order of creation.
func (o *Organization) ListOrganizationalUnitsForParent(caller *authz.Principal, in ListOrganizationalUnitsForParentInput) (ListOrganizationalUnitsForParentOutput, error) {
	if err := validParentID(in.ParentId); err != nil {
		return ListOrganizationalUnitsForParentOutput{}, err
	}
	p, perr := newPager("ListOrganizationalUnitsForParent", in.ParentId, in.MaxResults, in.NextToken)
	if perr != nil {
		return ListOrganizationalUnitsForParentOutput{}, perr
	}
	return inParent(o, caller, "ListOrganizationalUnitsForParent", in.ParentId, func(g *orgState, parent *container) (ListOrganizationalUnitsForParentOutput, error) {
		items, next := page(parent.ous, func(c *container) uint64 { return c.seq }, p)
		out := ListOrganizationalUnitsForParentOutput{NextToken: next, OrganizationalUnits: make([]OrganizationalUnit, len(items))}
		for i, ou := range items {
			out.OrganizationalUnits[i] = o.ouLocked(g, ou)
		}
		return out, nil
	})
}

// inParent is what the listings of a parent's children share: it asks IAM
// about op on the root or OU parentID and, from the management account or
// a delegated administrator, holding o.mu, runs f on that parent, which
// must exist.
func inParent[Out any](o *Organization, caller *authz.Principal, op, parentID string, f func(g *orgState, parent *container) (Out, error)) (Out, error) {
	return inOrg(o, caller, ruleAdmin, func(c *call) error {
		return c.authorize(op, condition{}, c.entityARN(parentID))
	}, func(_ *call, g *orgState) (Out, error) {
		parent := g.container(parentID)
		if parent == nil {
			var zero Out
			return zero, newError("ParentNotFoundException", msgParentNotFound)
		}
		return f(g, parent)
	})
}

// ListRootsInput is the input of ListRoots.
type ListRootsInput struct {
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListRootsOutput is the output of ListRoots.
type ListRootsOutput struct {
	NextToken string `json:"NextToken,omitempty"`
	Roots     []Root `json:"Roots"`
}

// ListRoots lists the organization's root (there is exactly one) with the
// policy types enabled in it.
func (o *Organization) ListRoots(caller *authz.Principal, in ListRootsInput) (ListRootsOutput, error) {
	p, perr := newPager("ListRoots", "", in.MaxResults, in.NextToken)
	if perr != nil {
		return ListRootsOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListRoots", condition{}) }, func(_ *call, g *orgState) (ListRootsOutput, error) {
		items, next := page([]*container{g.root}, func(c *container) uint64 { return c.seq }, p)
		out := ListRootsOutput{NextToken: next, Roots: make([]Root, len(items))}
		for i := range items {
			out.Roots[i] = o.rootLocked(g)
		}
		return out, nil
	})
}

// ListChildrenInput is the input of ListChildren.
type ListChildrenInput struct {
	ChildType  ChildType `json:"ChildType"`
	MaxResults int32     `json:"MaxResults,omitempty"`
	NextToken  string    `json:"NextToken,omitempty"`
	ParentId   string    `json:"ParentId"`
}

// ListChildrenOutput is the output of ListChildren.
type ListChildrenOutput struct {
	Children  []Child `json:"Children"`
	NextToken string  `json:"NextToken,omitempty"`
}

// ListChildren lists the accounts or the OUs directly under a root or OU.
func (o *Organization) ListChildren(caller *authz.Principal, in ListChildrenInput) (ListChildrenOutput, error) {
	if err := validParentID(in.ParentId); err != nil {
		return ListChildrenOutput{}, err
	}
	if err := required(string(in.ChildType)); err != nil {
		return ListChildrenOutput{}, err
	}
	if err := validEnum(in.ChildType, in.ChildType.Values()); err != nil {
		return ListChildrenOutput{}, err
	}
	p, perr := newPager("ListChildren", in.ParentId+"/"+string(in.ChildType), in.MaxResults, in.NextToken)
	if perr != nil {
		return ListChildrenOutput{}, perr
	}
	return inParent(o, caller, "ListChildren", in.ParentId, func(_ *orgState, parent *container) (ListChildrenOutput, error) {
		var out ListChildrenOutput
		if in.ChildType == ChildTypeAccount {
			items, next := page(parent.accounts, func(a *account) uint64 { return a.placeSeq }, p)
			out.NextToken, out.Children = next, make([]Child, len(items))
			for i, a := range items {
				out.Children[i] = Child{Id: a.id, Type: ChildTypeAccount}
			}
		} else {
			items, next := page(parent.ous, func(c *container) uint64 { return c.seq }, p)
			out.NextToken, out.Children = next, make([]Child, len(items))
			for i, ou := range items {
				out.Children[i] = Child{Id: ou.id, Type: ChildTypeOrganizationalUnit}
			}
		}
		return out, nil
	})
}

// ListParentsInput is the input of ListParents.
type ListParentsInput struct {
	ChildId    string `json:"ChildId"`
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListParentsOutput is the output of ListParents.
type ListParentsOutput struct {
	NextToken string   `json:"NextToken,omitempty"`
	Parents   []Parent `json:"Parents"`
}

// ListParents lists the parent (there is one) of an account or OU.
func (o *Organization) ListParents(caller *authz.Principal, in ListParentsInput) (ListParentsOutput, error) {
	if err := validChildID(in.ChildId); err != nil {
		return ListParentsOutput{}, err
	}
	p, perr := newPager("ListParents", in.ChildId, in.MaxResults, in.NextToken)
	if perr != nil {
		return ListParentsOutput{}, perr
	}
	return inOrg(o, caller, ruleAdmin, func(c *call) error { return c.authorize("ListParents", condition{}, c.entityARN(in.ChildId)) }, func(_ *call, g *orgState) (ListParentsOutput, error) {
		var parent *container
		if ou := g.ous[in.ChildId]; ou != nil {
			parent = ou.parent
		} else if a := o.accounts[in.ChildId]; a != nil && a.org == g {
			parent = a.parent
		}
		if parent == nil {
			return ListParentsOutput{}, newError("ChildNotFoundException", msgChildNotFound)
		}
		items, next := page([]*container{parent}, func(*container) uint64 { return 1 }, p)
		out := ListParentsOutput{NextToken: next, Parents: make([]Parent, len(items))}
		for i, c := range items {
			out.Parents[i] = Parent{Id: c.id, Type: ParentTypeOrganizationalUnit}
			if c.root {
				out.Parents[i].Type = ParentTypeRoot
			}
		}
		return out, nil
	})
}

// MoveAccountInput is the input of MoveAccount.
type MoveAccountInput struct {
	AccountId           string `json:"AccountId"`
	DestinationParentId string `json:"DestinationParentId"`
	SourceParentId      string `json:"SourceParentId"`
}

// MoveAccount moves an account from its parent (SourceParentId) to another
// root or OU. A source that does not exist, or is not the account's
// parent, gives SourceParentNotFoundException; a destination that does not
// exist, DestinationParentNotFoundException; a destination that already
// holds the account, DuplicateAccountException. IAM is asked about the
// account, the source and the destination.
func (o *Organization) MoveAccount(caller *authz.Principal, in MoveAccountInput) error {
	if err := validAccountID(in.AccountId); err != nil {
		return err
	}
	if err := validParentID(in.SourceParentId); err != nil {
		return err
	}
	if err := validParentID(in.DestinationParentId); err != nil {
		return err
	}
	return inOrgErr(o, caller, ruleManagement, func(c *call) error {
		return c.authorize("MoveAccount", condition{}, c.accountARN(in.AccountId), c.entityARN(in.SourceParentId), c.entityARN(in.DestinationParentId))
	}, func(_ *call, g *orgState) error {
		a := o.accounts[in.AccountId]
		if a == nil || a.org != g {
			return errAccountNotFound()
		}
		src := g.container(in.SourceParentId)
		if src == nil {
			return newError("SourceParentNotFoundException", msgSourceParent)
		}
		dst := g.container(in.DestinationParentId)
		if dst == nil {
			return newError("DestinationParentNotFoundException", msgDestParent)
		}
		if a.parent == dst {
			return newError("DuplicateAccountException", msgDuplicateAccount)
		}
		if a.parent != src {
			return newError("SourceParentNotFoundException", msgSourceParent)
		}
		src.accounts = slices.DeleteFunc(src.accounts, func(b *account) bool { return b == a })
		a.parent, a.placeSeq = dst, o.nextSeq()
		dst.accounts = append(dst.accounts, a)
		g.changed()
		return nil
	})
}
