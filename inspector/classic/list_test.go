package classic_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// The filters of ListAssessmentTargets, ListAssessmentTemplates and
// ListAssessmentRuns.
func TestListFilters(t *testing.T) {
	w := newWorld(t, nil)
	ok(t, w.svc.PutInstance(region, account, debianInstance("i-1", prod)))
	target := func(name string) string {
		return must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: name})).AssessmentTargetArn
	}
	web, db := target("web-prod"), target("db-prod")
	target("web-dev")
	template := func(tg, name string, d int32, pkgs ...string) string {
		return must(w.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
			AssessmentTargetArn: tg, AssessmentTemplateName: name, DurationInSeconds: d, RulesPackageArns: pkgs})).AssessmentTemplateArn
	}
	quick := template(web, "quick", 180, nrArn())
	deep := template(web, "deep", 3600, cveArn(), nrArn())
	dbq := template(db, "quick", 900, cveArn())

	targets := func(pattern string) []string {
		return must(w.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{
			Filter: &classic.AssessmentTargetFilter{AssessmentTargetNamePattern: pattern}})).AssessmentTargetArns
	}
	if diff := cmp.Diff([]string{web, db}, targets("*-prod")); diff != "" {
		t.Errorf("targets *-prod (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]string{db}, targets("db-prod")); diff != "" {
		t.Errorf("targets db-prod (-want +got)\n%s", diff)
	}
	templates := func(in classic.ListAssessmentTemplatesInput) []string {
		return must(w.svc.ListAssessmentTemplates(root, region, &in)).AssessmentTemplateArns
	}
	for _, tt := range []struct {
		in   classic.ListAssessmentTemplatesInput
		want []string
	}{
		{classic.ListAssessmentTemplatesInput{}, []string{quick, deep, dbq}},
		{classic.ListAssessmentTemplatesInput{AssessmentTargetArns: []string{web}}, []string{quick, deep}},
		{classic.ListAssessmentTemplatesInput{Filter: &classic.AssessmentTemplateFilter{NamePattern: "q*"}}, []string{quick, dbq}},
		{classic.ListAssessmentTemplatesInput{Filter: &classic.AssessmentTemplateFilter{DurationRange: &classic.DurationRange{MinSeconds: 900}}}, []string{deep, dbq}},
		{classic.ListAssessmentTemplatesInput{Filter: &classic.AssessmentTemplateFilter{RulesPackageArns: []string{cveArn()}}}, []string{deep, dbq}},
	} {
		if diff := cmp.Diff(tt.want, templates(tt.in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("templates of %+v (-want +got)\n%s", tt.in, diff)
		}
	}

	start := func(tp, name string) string {
		return must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp, AssessmentRunName: name})).AssessmentRunArn
	}
	r1 := start(quick, "first")
	w.clock.Advance(time.Hour)
	r2 := start(dbq, "second")
	w.clock.Advance(time.Minute)
	runs := func(f classic.AssessmentRunFilter, templates ...string) []string {
		return must(w.svc.ListAssessmentRuns(root, region, &classic.ListAssessmentRunsInput{AssessmentTemplateArns: templates, Filter: &f})).AssessmentRunArns
	}
	t1 := t0.Add(3 * time.Second) // when r1 started collecting
	for _, tt := range []struct {
		name      string
		f         classic.AssessmentRunFilter
		templates []string
		want      []string
	}{
		{"all", classic.AssessmentRunFilter{}, nil, []string{r1, r2}},
		{"template", classic.AssessmentRunFilter{}, []string{dbq}, []string{r2}},
		{"name", classic.AssessmentRunFilter{NamePattern: "f?rst"}, nil, []string{r1}},
		{"states", classic.AssessmentRunFilter{States: []classic.AssessmentRunState{classic.AssessmentRunStateCompleted}}, nil, []string{r1}},
		{"in progress", classic.AssessmentRunFilter{States: []classic.AssessmentRunState{classic.AssessmentRunStateCollectingData}}, nil, []string{r2}},
		{"duration", classic.AssessmentRunFilter{DurationRange: &classic.DurationRange{MaxSeconds: 600}}, nil, []string{r1}},
		{"rules package", classic.AssessmentRunFilter{RulesPackageArns: []string{cveArn()}}, nil, []string{r2}},
		{"start time", classic.AssessmentRunFilter{StartTimeRange: &classic.TimestampRange{BeginDate: t1, EndDate: t1}}, nil, []string{r1}},
		{"completion time", classic.AssessmentRunFilter{CompletionTimeRange: &classic.TimestampRange{EndDate: t0.Add(time.Hour)}}, nil, []string{r1}},
		{"state change time", classic.AssessmentRunFilter{StateChangeTimeRange: &classic.TimestampRange{BeginDate: t0.Add(time.Hour)}}, nil, []string{r2}},
	} {
		if diff := cmp.Diff(tt.want, runs(tt.f, tt.templates...), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("runs by %s (-want +got)\n%s", tt.name, diff)
		}
	}
}

// GovCloud has its own regions, rules packages and ARNs.
func TestPartition(t *testing.T) {
	svc := classic.New(classic.Config{Partition: "aws-us-gov"})
	if diff := cmp.Diff([]string{"us-gov-east-1", "us-gov-west-1"}, svc.SupportedRegions()); diff != "" {
		t.Errorf("regions (-want +got)\n%s", diff)
	}
	gov := root
	out := must(svc.ListRulesPackages(gov, "us-gov-west-1", nil))
	want := []string{
		"arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-4oQgcI4G",
		"arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-Ac4CFOuc",
		"arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-rOTGqe5G",
	}
	if diff := cmp.Diff(want, out.RulesPackageArns); diff != "" {
		t.Errorf("rules packages (-want +got)\n%s", diff)
	}
	tg := must(svc.CreateAssessmentTarget(gov, "us-gov-west-1", &classic.CreateAssessmentTargetInput{AssessmentTargetName: "t"}))
	if !strings.HasPrefix(tg.AssessmentTargetArn, "arn:aws-us-gov:inspector:us-gov-west-1:"+account+":target/0-") {
		t.Errorf("target ARN %s", tg.AssessmentTargetArn)
	}
	if _, err := svc.ListRulesPackages(gov, region, nil); err == nil {
		t.Error("a commercial region in GovCloud")
	}
	d := must(svc.DescribeRulesPackages(gov, "us-gov-west-1", &classic.DescribeRulesPackagesInput{RulesPackageArns: want[:1]}))
	if diff := cmp.Diff([]classic.RulesPackage{{Arn: want[0], Name: "Common Vulnerabilities and Exposures", Version: "1.1",
		Provider: "Amazon Web Services, Inc."}}, d.RulesPackages, cmpopts.IgnoreFields(classic.RulesPackage{}, "Description")); diff != "" {
		t.Errorf("rules package (-want +got)\n%s", diff)
	}
}

// One registration with Amazon Inspector serves Inspector Classic.
func TestSharedRegistration(t *testing.T) {
	c := newClock()
	v2 := inspector.New(inspector.Config{Now: c.Now})
	in := debianInstance("i-shared", prod).EC2Instance
	if _, err := v2.PutEC2Instance(region, account, in); err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, func(cfg *classic.Config) { cfg.Now = c.Now; cfg.Instances = classic.FromInspector(v2) })
	w.clock = c
	_, tmpl := w.setup(t)
	arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn
	c.Advance(time.Hour)
	if r := w.describeRun(t, arn); r.FindingCounts[classic.SeverityHigh] != 2 {
		t.Errorf("run over the shared instance: %+v", r.FindingCounts)
	}
}
