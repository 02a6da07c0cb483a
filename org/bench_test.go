package org_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/org"
)

// bigOrg is an organization of 10,000 accounts in 1,000 OUs (10 top-level
// OUs of 9 children of about 10 children each: three levels), with SCPs
// enabled and a deny SCP on every top-level OU. It is built once, through
// the API (CreateAccount at five at a time against a fake clock), with no
// Authorizer.
type bigOrg struct {
	o        *org.Organization
	clock    *clock
	orgID    string
	accounts []string
	ous      []string
	leaves   []string
	deny     string
}

var (
	bigOnce sync.Once
	big     *bigOrg
)

// buildBigOrg returns the shared big organization, built on first use.
func buildBigOrg(tb testing.TB) *bigOrg {
	bigOnce.Do(func() { big = newBigOrg() })
	if big == nil {
		tb.Fatal("building the organization failed")
	}
	return big
}

func newBigOrg() *bigOrg {
	const nAccounts, nOUs = 10000, 1000
	b := &bigOrg{clock: newClock()}
	b.o = org.New(org.Config{Now: b.clock.Now, Rand: bytes.NewReader(make([]byte, 32)), MaxAccounts: nAccounts + 1})
	mgmt := root(mgmtID)
	check := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	check(b.o.AddStandaloneAccount(mgmtID, "mgmt@example.com", "Management"))
	out, err := b.o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	check(err)
	b.orgID = out.Organization.Id
	roots, err := b.o.ListRoots(mgmt, org.ListRootsInput{})
	check(err)
	rootID := roots.Roots[0].Id
	_, err = b.o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: rootID, PolicyType: org.PolicyTypeServiceControlPolicy})
	check(err)
	p, err := b.o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: "deny-s3", Type: org.PolicyTypeServiceControlPolicy, Content: denyS3})
	check(err)
	b.deny = p.Policy.PolicySummary.Id
	mk := func(parent, name string) string {
		ou, err := b.o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{ParentId: parent, Name: name})
		check(err)
		b.ous = append(b.ous, ou.OrganizationalUnit.Id)
		return ou.OrganizationalUnit.Id
	}
	for i := 0; len(b.ous) < nOUs; i++ {
		top := mk(rootID, fmt.Sprint("top", i))
		check(b.o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: b.deny, TargetId: top}))
		for j := 0; j < 9 && len(b.ous) < nOUs; j++ {
			mid := mk(top, fmt.Sprint("mid", j))
			for k := 0; k < 10 && len(b.ous) < nOUs; k++ {
				b.leaves = append(b.leaves, mk(mid, fmt.Sprint("leaf", k)))
			}
		}
	}
	for i := 0; i < nAccounts; i += org.MaxConcurrentCreateAccount {
		for j := i; j < i+org.MaxConcurrentCreateAccount && j < nAccounts; j++ {
			_, err := b.o.CreateAccount(mgmt, org.CreateAccountInput{AccountName: "a", Email: fmt.Sprintf("a%d@example.com", j)})
			check(err)
		}
		b.clock.Advance(org.CreateAccountDelay)
	}
	for _, a := range b.o.Members(b.orgID)[1:] {
		b.accounts = append(b.accounts, a.Id)
	}
	if len(b.accounts) != nAccounts {
		panic(fmt.Sprintf("%d accounts", len(b.accounts)))
	}
	// Spread the accounts over the deepest OUs.
	for i, a := range b.accounts {
		check(b.o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: a, SourceParentId: rootID, DestinationParentId: b.leaves[i%len(b.leaves)]}))
	}
	return b
}

// BenchmarkBuildBigOrg builds the organization of 10,000 accounts in 1,000
// OUs through the API.
func BenchmarkBuildBigOrg(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		newBigOrg()
	}
}

// BenchmarkSCPChain: cached chains, every account in turn.
func BenchmarkSCPChain(b *testing.B) {
	g := buildBigOrg(b)
	for _, a := range g.accounts {
		g.o.SCPChain(a)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		chain, _ := g.o.SCPChain(g.accounts[i%len(g.accounts)])
		if len(chain) != 5 {
			b.Fatalf("chain of %d levels", len(chain))
		}
		i++
	}
}

// BenchmarkSCPChainAfterChange: a policy update invalidates every chain;
// the next SCPChain rebuilds one account's chain from the (rebuilt) lists
// of its targets.
func BenchmarkSCPChainAfterChange(b *testing.B) {
	g := buildBigOrg(b)
	mgmt := root(mgmtID)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		content := denyS3
		if i%2 == 1 {
			content = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`
		}
		if _, err := g.o.UpdatePolicy(mgmt, org.UpdatePolicyInput{PolicyId: g.deny, Content: content}); err != nil {
			b.Fatal(err)
		}
		g.o.SCPChain(g.accounts[i%len(g.accounts)])
		i++
	}
}

// BenchmarkOrgContext: aws:PrincipalOrgID and aws:PrincipalOrgPaths.
func BenchmarkOrgContext(b *testing.B) {
	g := buildBigOrg(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, ok := g.o.OrgContext(g.accounts[i%len(g.accounts)]); !ok {
			b.Fatal("not in the organization")
		}
		i++
	}
}

// BenchmarkRegisterDelegatedAdministrator registers and deregisters one
// account; the cost does not grow with the organization.
func BenchmarkRegisterDelegatedAdministrator(b *testing.B) {
	g := buildBigOrg(b)
	mgmt := root(mgmtID)
	if err := g.o.EnableAWSServiceAccess(mgmt, "cloudtrail.amazonaws.com"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := g.accounts[i%len(g.accounts)]
		if err := g.o.RegisterDelegatedAdministrator(mgmt, a, "cloudtrail.amazonaws.com"); err != nil {
			b.Fatal(err)
		}
		if err := g.o.DeregisterDelegatedAdministrator(mgmt, a, "cloudtrail.amazonaws.com"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkListDelegatedAdministrators lists three delegated
// administrators of a service among 10,000 accounts.
func BenchmarkListDelegatedAdministrators(b *testing.B) {
	g := buildBigOrg(b)
	mgmt := root(mgmtID)
	sp := "member.org.stacksets.cloudformation.amazonaws.com"
	if err := g.o.EnableAWSServiceAccess(mgmt, sp); err != nil {
		b.Fatal(err)
	}
	for _, a := range g.accounts[:3] {
		if err := g.o.RegisterDelegatedAdministrator(mgmt, a, sp); err != nil && code(err) != "AccountAlreadyRegisteredException" {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		out, err := g.o.ListDelegatedAdministrators(mgmt, org.ListDelegatedAdministratorsInput{ServicePrincipal: sp})
		if err != nil || len(out.DelegatedAdministrators) != 3 {
			b.Fatal(out, err)
		}
	}
}

// BenchmarkDelegatedAdministrators is the library accessor the inspector
// package calls.
func BenchmarkDelegatedAdministrators(b *testing.B) {
	g := buildBigOrg(b)
	mgmt := root(mgmtID)
	if err := g.o.EnableAWSServiceAccess(mgmt, inspector2); err != nil {
		b.Fatal(err)
	}
	if err := g.o.RegisterDelegatedAdministrator(mgmt, g.accounts[7], inspector2); err != nil && code(err) != "AccountAlreadyRegisteredException" {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(g.o.DelegatedAdministrators(g.orgID, inspector2)) != 1 {
			b.Fatal("no delegated administrator")
		}
	}
}

// BenchmarkListAccountsPage reads one page of 20 from the middle of
// 10,001 accounts.
func BenchmarkListAccountsPage(b *testing.B) {
	g := buildBigOrg(b)
	mgmt := root(mgmtID)
	out, err := g.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 20})
	if err != nil {
		b.Fatal(err)
	}
	for range 250 {
		out, err = g.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 20, NextToken: out.NextToken})
		if err != nil {
			b.Fatal(err)
		}
	}
	token := out.NextToken
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.o.ListAccounts(mgmt, org.ListAccountsInput{MaxResults: 20, NextToken: token}); err != nil {
			b.Fatal(err)
		}
	}
}
