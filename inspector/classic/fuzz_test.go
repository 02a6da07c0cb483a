package classic_test

import (
	"errors"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// FuzzARN feeds arbitrary strings to every place that parses an ARN: the
// service never panics, answers with *classic.Error, and a batch call
// reports an ARN it cannot describe as a failed item.
func FuzzARN(f *testing.F) {
	for _, s := range []string{
		"", "arn:aws:inspector:us-east-1:111122223333:target/0-nvgVhaxX",
		"arn:aws:inspector:us-east-1:111122223333:target/0-nvgVhaxX/template/0-it5r2S4T/run/0-11LMTAVe/finding/0-T8yM9mEU",
		"arn:aws:inspector:us-east-1:111122223333:target/0-a/template/0-b/run/0-c/exclusion/0-d",
		"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7",
		"arn:aws:inspector:us-east-1:111122223333:resourcegroup/0-AB6DMKnv",
		"arn:aws:iam::111122223333:role/inspector", "arn:aws:sns:us-east-1:111122223333:topic",
		"arn:aws:inspector:us-east-1:111122223333:target//template/", "arn:aws:inspector:::target/x",
	} {
		f.Add(s)
	}
	w := newWorld(f, nil)
	tg := must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "t"}))
	tp := must(w.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
		AssessmentTargetArn: tg.AssessmentTargetArn, AssessmentTemplateName: "t", DurationInSeconds: 180, RulesPackageArns: []string{nrArn()}}))
	f.Fuzz(func(t *testing.T, s string) {
		isErr := func(err error) {
			t.Helper()
			var e *classic.Error
			if err != nil && !errors.As(err, &e) {
				t.Fatalf("error %v is not a *classic.Error", err)
			}
		}
		fs, err := w.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: []string{s}})
		if err != nil {
			t.Fatal(err)
		}
		switch fs.FailedItems[s].FailureCode {
		case classic.FailedItemErrorCodeInvalidArn, classic.FailedItemErrorCodeAccessDenied, classic.FailedItemErrorCodeItemDoesNotExist:
		default:
			t.Fatalf("DescribeFindings(%q): %+v", s, fs)
		}
		_, err = w.svc.DescribeAssessmentRuns(root, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: []string{s}})
		isErr(err)
		_, err = w.svc.DescribeRulesPackages(root, region, &classic.DescribeRulesPackagesInput{RulesPackageArns: []string{s}})
		isErr(err)
		if s != tg.AssessmentTargetArn {
			isErr(errOf(w.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: s})))
		}
		_, err = w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "x", ResourceGroupArn: s})
		isErr(err)
		isErr(errOf(w.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: tp.AssessmentTemplateArn, Event: classic.InspectorEventOther, TopicArn: s})))
		isErr(errOf(w.svc.RegisterCrossAccountAccessRole(root, region, &classic.RegisterCrossAccountAccessRoleInput{RoleArn: s})))
		_, err = w.svc.ListFindings(root, region, &classic.ListFindingsInput{AssessmentRunArns: []string{s}})
		isErr(err)
		_, _, _ = w.svc.AssessmentReport(s)
	})
}

// FuzzNextToken: a pagination token is accepted only when the operation
// issued it; anything else is INVALID_PAGINATION_TOKEN, never a panic.
func FuzzNextToken(f *testing.F) {
	w := newWorld(f, nil)
	for _, name := range []string{"a", "b", "c"} {
		must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: name}))
	}
	page := must(w.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{MaxResults: 1}))
	f.Add(page.NextToken)
	f.Add("")
	f.Add("TGlzdEZpbmRpbmdzOjE")
	f.Add("%%%")
	f.Fuzz(func(t *testing.T, tok string) {
		out, err := w.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{NextToken: tok, MaxResults: 1})
		var e *classic.Error
		switch {
		case err == nil:
			if len(out.AssessmentTargetArns) > 1 {
				t.Fatalf("page of %d", len(out.AssessmentTargetArns))
			}
		case errors.As(err, &e) && e.ErrorCode_ == string(classic.InvalidInputErrorCodeInvalidPaginationToken):
		default:
			t.Fatalf("ListAssessmentTargets(%q): %v", tok, err)
		}
		if _, err := w.svc.ListFindings(root, region, &classic.ListFindingsInput{NextToken: tok}); err == nil && tok != "" {
			// A token of ListAssessmentTargets is not one of ListFindings.
			if tok == page.NextToken {
				t.Fatalf("ListFindings accepted a ListAssessmentTargets token")
			}
		}
	})
}
