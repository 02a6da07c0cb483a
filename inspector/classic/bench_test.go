package classic_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// benchWorld has 500 instances tagged env=prod (the agent limit), each
// with three packages (two vulnerable) and SSH open to the internet, and a
// template of the CVE and Network Reachability packages on them.
func benchWorld(b *testing.B) (*world, string) {
	w := newWorld(b, nil)
	for i := range 500 {
		if err := w.svc.PutInstance(region, account, debianInstance(fmt.Sprintf("i-%017d", i), prod)); err != nil {
			b.Fatal(err)
		}
	}
	_, tmpl := w.setup(b)
	return w, tmpl
}

// BenchmarkStartAssessmentRun starts a run over 500 instances (reading the
// inventory and scanning every instance), then cancels and deletes it so
// the next iteration's instances are free.
func BenchmarkStartAssessmentRun(b *testing.B) {
	w, tmpl := benchWorld(b)
	b.ReportAllocs()
	for b.Loop() {
		arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn
		if _, err := w.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: arn, StopAction: classic.StopActionSkipEvaluation}); err != nil {
			b.Fatal(err)
		}
		if _, err := w.svc.DeleteAssessmentRun(root, region, &classic.DeleteAssessmentRunInput{AssessmentRunArn: arn}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListFindings pages through the 2,000 findings of a completed
// run over 500 instances, 100 per page, selecting the High ones of one
// rules package (1,000 of them).
func BenchmarkListFindings(b *testing.B) {
	w, tmpl := benchWorld(b)
	arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn
	w.clock.Advance(time.Hour)
	in := &classic.ListFindingsInput{AssessmentRunArns: []string{arn}, MaxResults: 100,
		Filter: &classic.FindingFilter{Severities: []classic.Severity{classic.SeverityHigh}, RulesPackageArns: []string{cveArn()}}}
	b.ReportAllocs()
	for b.Loop() {
		in.NextToken = ""
		n := 0
		for {
			out := must(w.svc.ListFindings(root, region, in))
			n += len(out.FindingArns)
			if out.NextToken == "" {
				break
			}
			in.NextToken = out.NextToken
		}
		if n != 1000 {
			b.Fatalf("%d findings", n)
		}
	}
}
