// Command orgscan runs the seeds' story of awsaccess end to end through
// the library: an organization's management account designates Amazon
// Inspector's delegated administrator, the administrator enables scanning
// for the members, their EC2 instances, container images and Lambda
// functions are scanned, the findings are aggregated per account and
// severity, a suppression rule hides what is accepted, and the calls that
// must be refused are refused, each with its reason.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/seed-e2e06c4d/awsaccess"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "orgscan:", err)
		os.Exit(1)
	}
}

const (
	mgmt     = "111111111111"
	security = "222222222222"
	work     = "333333333333"
	data     = "444444444444"
)

var regions = []string{"us-east-1", "us-west-2"}

func run(w io.Writer) error {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cloud := awsaccess.New(awsaccess.Config{Now: func() time.Time { return now }, Seed: 1, PasswordHashIterations: 1})
	keys, err := cloud.Apply(awsaccess.DefaultWorld())
	if err != nil {
		return err
	}
	caller := func(account, user string) (*authz.Principal, error) {
		for _, k := range keys {
			if k.Account == account && k.UserName == user {
				return cloud.Caller(k.AccessKeyID)
			}
		}
		return nil, fmt.Errorf("no key for %s/%s in the world", account, user)
	}
	admin, err := caller(mgmt, "admin")
	if err != nil {
		return err
	}
	auditor, err := caller(mgmt, "auditor")
	if err != nil {
		return err
	}
	secAdmin, err := caller(security, "secadmin")
	if err != nil {
		return err
	}
	dev, err := caller(work, "dev")
	if err != nil {
		return err
	}
	insp := cloud.Inspector()
	denied := func(what string, err error) error {
		if err == nil {
			return fmt.Errorf("%s: allowed, but must be denied", what)
		}
		var api interface{ ErrorCode() string }
		code := "error"
		if errors.As(err, &api) {
			code = api.ErrorCode()
		}
		fmt.Fprintf(w, "  DENIED  %s\n          %s: %s\n", what, code, message(err))
		return nil
	}

	fmt.Fprintln(w, "== 1. Who may designate Inspector's delegated administrator?")
	_, err = insp.EnableDelegatedAdminAccount(auditor, regions[0], &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: security})
	if err := denied("the management account's read-only auditor designates "+security, err); err != nil {
		return err
	}
	_, err = insp.EnableDelegatedAdminAccount(dev, regions[0], &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: work})
	if err := denied("a member account designates itself", err); err != nil {
		return err
	}
	for _, region := range regions {
		if _, err := insp.EnableDelegatedAdminAccount(admin, region, &inspector.EnableDelegatedAdminAccountRequest{DelegatedAdminAccountID: security}); err != nil {
			return fmt.Errorf("management admin in %s: %w", region, err)
		}
		fmt.Fprintf(w, "  ok      the management admin designates %s in %s\n", security, region)
	}
	_, orgID, _ := cloud.Organizations().ManagementAccount(mgmt)
	fmt.Fprintf(w, "  trusted access for inspector2.amazonaws.com: %v; delegated administrators: %v\n",
		cloud.Organizations().ServiceAccessEnabled(orgID, "inspector2.amazonaws.com"),
		cloud.Organizations().DelegatedAdministrators(orgID, "inspector2.amazonaws.com"))
	if acct, err := cloud.IAM().Account(mgmt); err == nil {
		if role, err := acct.GetRole("AWSServiceRoleForAmazonInspector2"); err == nil {
			fmt.Fprintf(w, "  service-linked role: %s\n", role.ARN)
		}
	}

	fmt.Fprintln(w, "\n== 2. The delegated administrator enables scanning for the organization")
	types := []inspector.ResourceScanType{inspector.ResourceScanTypeEc2, inspector.ResourceScanTypeEcr, inspector.ResourceScanTypeLambda}
	if _, err := insp.Enable(secAdmin, regions[0], &inspector.EnableRequest{ResourceTypes: types}); err != nil {
		return fmt.Errorf("enable for the administrator: %w", err)
	}
	for _, m := range []string{work, data} {
		if _, err := insp.AssociateMember(secAdmin, regions[0], &inspector.AssociateMemberRequest{AccountID: m}); err != nil {
			return fmt.Errorf("associate %s: %w", m, err)
		}
	}
	out, err := insp.Enable(secAdmin, regions[0], &inspector.EnableRequest{AccountIDs: []string{work, data}, ResourceTypes: types})
	if err != nil {
		return fmt.Errorf("enable members: %w", err)
	}
	fmt.Fprintf(w, "  Enable for %s and %s: %d accounts, %d failed\n", work, data, len(out.Accounts), len(out.FailedAccounts))
	now = now.Add(2 * time.Minute) // ENABLING becomes ENABLED

	fmt.Fprintln(w, "\n== 3. Findings across the organization, per account and severity")
	if err := aggregate(w, insp, secAdmin); err != nil {
		return err
	}
	all, err := listFindings(insp, secAdmin, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\n  findings the delegated administrator sees:")
	for _, f := range all {
		fmt.Fprintf(w, "    %-8s %-12s %s  %s\n", f.Severity, f.AwsAccountID, f.Resources[0].ID, f.Title)
	}
	own, err := listFindings(insp, dev, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  a member (%s) sees %d findings, all its own: %v\n", work, len(own), allOf(own, work))

	fmt.Fprintln(w, "\n== 4. A suppression rule hides what is accepted")
	criteria := &inspector.FilterCriteria{ResourceTags: []inspector.MapFilter{{Comparison: "EQUALS", Key: "env", Value: "dev"}}}
	if _, err := insp.CreateFilter(secAdmin, regions[0], &inspector.CreateFilterRequest{
		Name: "accept-dev-instances", Action: inspector.FilterActionSuppress, FilterCriteria: criteria,
		Reason: "dev instances are rebuilt nightly",
	}); err != nil {
		return fmt.Errorf("create filter: %w", err)
	}
	suppressed, err := listFindings(insp, secAdmin, []inspector.StringFilter{{Comparison: "EQUALS", Value: "SUPPRESSED"}})
	if err != nil {
		return err
	}
	active, err := listFindings(insp, secAdmin, []inspector.StringFilter{{Comparison: "EQUALS", Value: "ACTIVE"}})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  rule accept-dev-instances: %d findings suppressed, %d still active\n", len(suppressed), len(active))
	if err := aggregate(w, insp, secAdmin); err != nil {
		return err
	}

	fmt.Fprintln(w, "\n== 5. What members may not do")
	_, err = insp.CreateFilter(dev, regions[0], &inspector.CreateFilterRequest{Name: "hide-mine", Action: inspector.FilterActionSuppress, FilterCriteria: criteria})
	if err := denied("a member creates a suppression rule", err); err != nil {
		return err
	}
	dis, err := insp.Disable(dev, regions[0], &inspector.DisableRequest{ResourceTypes: types})
	if err != nil {
		return fmt.Errorf("disable: %w", err)
	}
	if len(dis.FailedAccounts) != 1 {
		return fmt.Errorf("a member disabled Inspector while associated: %+v", dis)
	}
	f := dis.FailedAccounts[0]
	fmt.Fprintf(w, "  DENIED  a member disables Inspector while associated\n          failedAccounts: %s %s: %s\n", f.AccountID, f.ErrorCode, f.ErrorMessage)
	return nil
}

func listFindings(insp *inspector.Service, caller *authz.Principal, status []inspector.StringFilter) ([]inspector.Finding, error) {
	var out []inspector.Finding
	req := &inspector.ListFindingsRequest{MaxResults: 100, FilterCriteria: &inspector.FilterCriteria{FindingStatus: status},
		SortCriteria: &inspector.SortCriteria{Field: "SEVERITY", SortOrder: "DESC"}}
	for {
		page, err := insp.ListFindings(caller, regions[0], req)
		if err != nil {
			return nil, fmt.Errorf("list findings: %w", err)
		}
		out = append(out, page.Findings...)
		if page.NextToken == "" {
			return out, nil
		}
		req.NextToken = page.NextToken
	}
}

func aggregate(w io.Writer, insp *inspector.Service, caller *authz.Principal) error {
	agg, err := insp.ListFindingAggregations(caller, regions[0], &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeAccount})
	if err != nil {
		return fmt.Errorf("aggregate: %w", err)
	}
	rows := agg.Responses
	sort.Slice(rows, func(i, j int) bool {
		return rows[i].AccountAggregation.AccountID < rows[j].AccountAggregation.AccountID
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  account\tcritical\thigh\tmedium\tall\texploitable\tfixable\t")
	for _, r := range rows {
		a := r.AccountAggregation
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", a.AccountID, a.SeverityCounts.Critical, a.SeverityCounts.High, a.SeverityCounts.Medium, a.SeverityCounts.All, a.ExploitAvailableCount, a.FixAvailableCount)
	}
	return tw.Flush()
}

func allOf(fs []inspector.Finding, account string) bool {
	for _, f := range fs {
		if f.AwsAccountID != account {
			return false
		}
	}
	return true
}

func message(err error) string {
	var api interface{ ErrorMessage() string }
	if errors.As(err, &api) {
		return api.ErrorMessage()
	}
	return strings.TrimSpace(err.Error())
}
