package classic_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/authz"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// denier is an Authorizer that denies one action (set after the fixture is
// built) and records every check.
type denier struct {
	mu     sync.Mutex
	deny   string
	checks []authz.Check
}

func (d *denier) Authorize(_ *authz.Principal, checks ...authz.Check) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.checks = append(d.checks, checks...)
	for _, c := range checks {
		if c.Action == d.deny {
			return &authz.Error{Code: "AccessDenied", Status: http.StatusForbidden, Err: authz.ErrAccessDenied,
				Message: "User: arn:aws:iam::" + account + ":root is not authorized to perform: " + c.Action + " on resource: " + c.Resource}
		}
	}
	return nil
}

func (d *denier) set(action string) {
	d.mu.Lock()
	d.deny = action
	d.mu.Unlock()
}

// identities records service-linked roles; fail makes it fail.
type identities struct {
	mu    sync.Mutex
	fail  bool
	roles []string
}

func (i *identities) CreateServiceLinkedRole(acct, sp string) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.fail {
		return errors.New("iam: throttled")
	}
	i.roles = append(i.roles, acct+"/"+sp)
	return nil
}

// fixture is a world with a resource group, a target, a template (CVE and
// Network Reachability), one instance and a completed run with findings.
type fixture struct {
	*world
	authz                        *denier
	ids                          *identities
	group, target, template, run string
	finding                      string
	instances                    []classic.Instance // returned by Config.Instances
}

func newFixture(t *testing.T, mod func(*classic.Config)) *fixture {
	t.Helper()
	f := &fixture{authz: &denier{}, ids: &identities{}}
	f.world = newWorld(t, func(c *classic.Config) {
		c.Authorizer = f.authz
		c.Identities = f.ids
		c.Instances = classic.InstancesFunc(func(string, string) []classic.Instance { return f.instances })
		if mod != nil {
			mod(c)
		}
	})
	ok(t, f.svc.PutInstance(region, account, debianInstance("i-00000000000000001", map[string]string{"env": "prod"})))
	f.target, f.template = f.setup(t)
	tg := must(f.svc.DescribeAssessmentTargets(root, region, &classic.DescribeAssessmentTargetsInput{AssessmentTargetArns: []string{f.target}}))
	f.group = tg.AssessmentTargets[0].ResourceGroupArn
	f.run = must(f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})).AssessmentRunArn
	f.clock.Advance(time.Hour)
	f.finding = f.allFindings(t, nil, f.run)[0]
	return f
}

func long(n int) string { return strings.Repeat("x", n) }

func TestErrors(t *testing.T) {
	const badArn = "arn:aws:s3:::bucket"
	otherTarget := "arn:aws:inspector:" + region + ":" + other + ":target/0-AAAAAAAA"
	n := func(k int, f func(i int) string) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	attrs := func(k int) []classic.Attribute {
		out := make([]classic.Attribute, k)
		for i := range out {
			out[i] = classic.Attribute{Key: fmt.Sprint("k", i), Value: "v"}
		}
		return out
	}
	start := func(f *fixture) string {
		return must(f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})).AssessmentRunArn
	}
	second := func(f *fixture) string { // a second template of the same target
		return must(f.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
			AssessmentTargetArn: f.target, AssessmentTemplateName: "second", DurationInSeconds: 180, RulesPackageArns: []string{nrArn()}})).AssessmentTemplateArn
	}
	listRuns := func(f *fixture, flt classic.AssessmentRunFilter) error {
		_, err := f.svc.ListAssessmentRuns(root, region, &classic.ListAssessmentRunsInput{Filter: &flt})
		return err
	}
	listFindings := func(f *fixture, flt classic.FindingFilter) error {
		_, err := f.svc.ListFindings(root, region, &classic.ListFindingsInput{Filter: &flt})
		return err
	}
	createTemplate := func(f *fixture, mod func(*classic.CreateAssessmentTemplateInput)) error {
		in := &classic.CreateAssessmentTemplateInput{AssessmentTargetArn: f.target, AssessmentTemplateName: "t2",
			DurationInSeconds: 3600, RulesPackageArns: []string{cveArn()}}
		mod(in)
		_, err := f.svc.CreateAssessmentTemplate(root, region, in)
		return err
	}
	setTags := func(f *fixture, tags ...classic.Tag) error {
		return errOf(f.svc.SetTagsForResource(root, region, &classic.SetTagsForResourceInput{ResourceArn: f.template, Tags: tags}))
	}
	later := t0.Add(time.Hour)

	tests := []struct {
		name      string
		mod       func(*classic.Config)
		call      func(f *fixture) error
		code      string
		errorCode string
		sentinel  error
	}{
		// InvalidInputException, every InvalidInputErrorCode the model produces.
		{name: "target arn", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: badArn}))
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TARGET_ARN"},
		{name: "template arn", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentTemplate(root, region, &classic.DeleteAssessmentTemplateInput{AssessmentTemplateArn: f.target}))
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_ARN"},
		{name: "run arn", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentRun(root, region, &classic.DeleteAssessmentRunInput{AssessmentRunArn: f.template}))
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_ARN"},
		{name: "resource group arn", call: func(f *fixture) error {
			_, err := f.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "x", ResourceGroupArn: f.target})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_RESOURCE_GROUP_ARN"},
		{name: "rules package arn", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) {
				in.RulesPackageArns = []string{"arn:aws:inspector:us-east-1:316112463485:package/x"}
			})
		}, code: "InvalidInputException", errorCode: "INVALID_RULES_PACKAGE_ARN"},
		{name: "resource arn", call: func(f *fixture) error {
			return errOf(f.svc.SetTagsForResource(root, region, &classic.SetTagsForResourceInput{ResourceArn: f.target}))
		},
			code: "InvalidInputException", errorCode: "INVALID_RESOURCE_ARN"},
		{name: "sns topic arn", call: func(f *fixture) error {
			return errOf(f.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: f.template, Event: classic.InspectorEventOther, TopicArn: "arn:aws:sqs:us-east-1:" + account + ":q"}))
		}, code: "InvalidInputException", errorCode: "INVALID_SNS_TOPIC_ARN"},
		{name: "iam role arn", call: func(f *fixture) error {
			return errOf(f.svc.RegisterCrossAccountAccessRole(root, region, &classic.RegisterCrossAccountAccessRoleInput{RoleArn: "arn:aws:iam::" + account + ":user/bob"}))
		}, code: "InvalidInputException", errorCode: "INVALID_IAM_ROLE_ARN"},
		{name: "target name", call: func(f *fixture) error {
			_, err := f.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: long(141)})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TARGET_NAME"},
		{name: "target name pattern", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{Filter: &classic.AssessmentTargetFilter{AssessmentTargetNamePattern: long(141)}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TARGET_NAME_PATTERN"},
		{name: "template name", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.AssessmentTemplateName = "" })
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_NAME"},
		{name: "run name", call: func(f *fixture) error {
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template, AssessmentRunName: long(141)})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_NAME"},
		{name: "template name pattern", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentTemplates(root, region, &classic.ListAssessmentTemplatesInput{Filter: &classic.AssessmentTemplateFilter{NamePattern: long(141)}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_NAME_PATTERN"},
		{name: "template duration", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.DurationInSeconds = 86401 })
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_DURATION"},
		{name: "template duration range", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentTemplates(root, region, &classic.ListAssessmentTemplatesInput{Filter: &classic.AssessmentTemplateFilter{
				DurationRange: &classic.DurationRange{MinSeconds: 3600, MaxSeconds: 180}}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_TEMPLATE_DURATION_RANGE"},
		{name: "run duration range", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{DurationRange: &classic.DurationRange{MinSeconds: 100}})
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_DURATION_RANGE"},
		{name: "run start time range", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{StartTimeRange: &classic.TimestampRange{BeginDate: later, EndDate: t0}})
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_START_TIME_RANGE"},
		{name: "run completion time range", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{CompletionTimeRange: &classic.TimestampRange{BeginDate: later, EndDate: t0}})
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_COMPLETION_TIME_RANGE"},
		{name: "run state change time range", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{StateChangeTimeRange: &classic.TimestampRange{BeginDate: later, EndDate: t0}})
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_STATE_CHANGE_TIME_RANGE"},
		{name: "run state", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{States: []classic.AssessmentRunState{"RUNNING"}})
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_STATE"},
		{name: "stop action", call: func(f *fixture) error {
			return errOf(f.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: f.run, StopAction: "ABORT"}))
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_STATE"},
		{name: "report of a canceled run", call: func(f *fixture) error {
			r := start(f)
			must(f.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: r, StopAction: classic.StopActionSkipEvaluation}))
			_, err := f.svc.GetAssessmentReport(root, region, &classic.GetAssessmentReportInput{AssessmentRunArn: r, ReportFileFormat: "HTML", ReportType: "FULL"})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_ASSESSMENT_RUN_STATE"},
		{name: "tag", call: func(f *fixture) error {
			return setTags(f, classic.Tag{Key: "a", Value: "1"}, classic.Tag{Key: "a", Value: "2"})
		},
			code: "InvalidInputException", errorCode: "INVALID_TAG"},
		{name: "tag key", call: func(f *fixture) error { return setTags(f, classic.Tag{Key: long(129)}) },
			code: "InvalidInputException", errorCode: "INVALID_TAG_KEY"},
		{name: "tag value", call: func(f *fixture) error { return setTags(f, classic.Tag{Key: "a", Value: long(257)}) },
			code: "InvalidInputException", errorCode: "INVALID_TAG_VALUE"},
		{name: "resource group tag key", call: func(f *fixture) error {
			_, err := f.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: []classic.ResourceGroupTag{{Key: ""}}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_RESOURCE_GROUP_TAG_KEY"},
		{name: "resource group tag value", call: func(f *fixture) error {
			_, err := f.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: []classic.ResourceGroupTag{{Key: "k", Value: long(257)}}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_RESOURCE_GROUP_TAG_VALUE"},
		{name: "attribute", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{Attributes: []classic.Attribute{{Key: ""}}})
		}, code: "InvalidInputException", errorCode: "INVALID_ATTRIBUTE"},
		{name: "user attribute", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) {
				in.UserAttributesForFindings = []classic.Attribute{{Key: "a", Value: "1"}, {Key: "a", Value: "2"}}
			})
		}, code: "InvalidInputException", errorCode: "INVALID_USER_ATTRIBUTE"},
		{name: "user attribute key", call: func(f *fixture) error {
			_, err := f.svc.AddAttributesToFindings(root, region, &classic.AddAttributesToFindingsInput{FindingArns: []string{f.finding}, Attributes: []classic.Attribute{{Key: long(129)}}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_USER_ATTRIBUTE_KEY"},
		{name: "user attribute value", call: func(f *fixture) error {
			_, err := f.svc.AddAttributesToFindings(root, region, &classic.AddAttributesToFindingsInput{FindingArns: []string{f.finding}, Attributes: []classic.Attribute{{Key: "k", Value: long(257)}}})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_USER_ATTRIBUTE_VALUE"},
		{name: "pagination token", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentTargets(root, region, &classic.ListAssessmentTargetsInput{NextToken: "bm90IGEgdG9rZW4"})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_PAGINATION_TOKEN"},
		{name: "token of another operation", call: func(f *fixture) error {
			page := must(f.svc.ListFindings(root, region, &classic.ListFindingsInput{MaxResults: 1}))
			_, err := f.svc.ListAssessmentRuns(root, region, &classic.ListAssessmentRunsInput{NextToken: page.NextToken})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_PAGINATION_TOKEN"},
		{name: "max results", call: func(f *fixture) error {
			_, err := f.svc.ListFindings(root, region, &classic.ListFindingsInput{MaxResults: 501})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_MAX_RESULTS"},
		{name: "agent id", call: func(f *fixture) error { return listFindings(f, classic.FindingFilter{AgentIDs: []string{""}}) },
			code: "InvalidInputException", errorCode: "INVALID_AGENT_ID"},
		{name: "auto scaling group", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{AutoScalingGroups: []string{long(257)}})
		},
			code: "InvalidInputException", errorCode: "INVALID_AUTO_SCALING_GROUP"},
		{name: "rule name", call: func(f *fixture) error { return listFindings(f, classic.FindingFilter{RuleNames: []string{long(1001)}}) },
			code: "InvalidInputException", errorCode: "INVALID_RULE_NAME"},
		{name: "severity", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{Severities: []classic.Severity{"Critical"}})
		},
			code: "InvalidInputException", errorCode: "INVALID_SEVERITY"},
		{name: "locale", call: func(f *fixture) error {
			_, err := f.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: []string{f.finding}, Locale: "FR_FR"})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_LOCALE"},
		{name: "event", call: func(f *fixture) error {
			return errOf(f.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: f.template, Event: "RUN_EXPLODED", TopicArn: "arn:aws:sns:us-east-1:" + account + ":t"}))
		}, code: "InvalidInputException", errorCode: "INVALID_EVENT"},
		{name: "target name taken", call: func(f *fixture) error {
			_, err := f.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "prod"})
			return err
		}, code: "InvalidInputException", errorCode: "ASSESSMENT_TARGET_NAME_ALREADY_TAKEN"},
		{name: "template name taken", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.AssessmentTemplateName = "weekly" })
		}, code: "InvalidInputException", errorCode: "ASSESSMENT_TEMPLATE_NAME_ALREADY_TAKEN"},
		{name: "run name taken", call: func(f *fixture) error {
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template, AssessmentRunName: "Run 1 for weekly"})
			return err
		}, code: "InvalidInputException", errorCode: "ASSESSMENT_TEMPLATE_NAME_ALREADY_TAKEN"},
		{name: "number of target arns", call: func(f *fixture) error {
			_, err := f.svc.DescribeAssessmentTargets(root, region, &classic.DescribeAssessmentTargetsInput{})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_ASSESSMENT_TARGET_ARNS"},
		{name: "number of template arns", call: func(f *fixture) error {
			_, err := f.svc.DescribeAssessmentTemplates(root, region, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: n(11, func(int) string { return f.template })})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_ASSESSMENT_TEMPLATE_ARNS"},
		{name: "number of run arns", call: func(f *fixture) error {
			_, err := f.svc.ListFindings(root, region, &classic.ListFindingsInput{AssessmentRunArns: n(51, func(int) string { return f.run })})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_ASSESSMENT_RUN_ARNS"},
		{name: "number of finding arns", call: func(f *fixture) error {
			_, err := f.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: n(11, func(int) string { return f.finding })})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_FINDING_ARNS"},
		{name: "number of resource group arns", call: func(f *fixture) error {
			_, err := f.svc.DescribeResourceGroups(root, region, &classic.DescribeResourceGroupsInput{})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_RESOURCE_GROUP_ARNS"},
		{name: "number of rules package arns", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.RulesPackageArns = nil })
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_RULES_PACKAGE_ARNS"},
		{name: "number of run states", call: func(f *fixture) error {
			return listRuns(f, classic.AssessmentRunFilter{States: make([]classic.AssessmentRunState, 51)})
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_ASSESSMENT_RUN_STATES"},
		{name: "number of tags", call: func(f *fixture) error {
			tags := make([]classic.Tag, 11)
			for i := range tags {
				tags[i] = classic.Tag{Key: fmt.Sprint(i)}
			}
			return setTags(f, tags...)
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_TAGS"},
		{name: "number of resource group tags", call: func(f *fixture) error {
			_, err := f.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: make([]classic.ResourceGroupTag, 11)})
			return err
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_RESOURCE_GROUP_TAGS"},
		{name: "number of attributes", call: func(f *fixture) error { return listFindings(f, classic.FindingFilter{Attributes: attrs(51)}) },
			code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_ATTRIBUTES"},
		{name: "number of user attributes", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.UserAttributesForFindings = attrs(11) })
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_USER_ATTRIBUTES"},
		{name: "number of agent ids", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{AgentIDs: n(100, func(int) string { return "i-1" })})
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_AGENT_IDS"},
		{name: "number of auto scaling groups", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{AutoScalingGroups: n(21, func(int) string { return "asg" })})
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_AUTO_SCALING_GROUPS"},
		{name: "number of rule names", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{RuleNames: n(51, func(int) string { return "r" })})
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_RULE_NAMES"},
		{name: "number of severities", call: func(f *fixture) error {
			return listFindings(f, classic.FindingFilter{Severities: make([]classic.Severity, 51)})
		}, code: "InvalidInputException", errorCode: "INVALID_NUMBER_OF_SEVERITIES"},

		// NoSuchEntityException.
		{name: "no target", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: f.target + "x"}))
		}, code: "NoSuchEntityException", errorCode: "ASSESSMENT_TARGET_DOES_NOT_EXIST"},
		{name: "target of another region", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentTarget(root, "us-west-2", &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: f.target}))
		}, code: "NoSuchEntityException", errorCode: "ASSESSMENT_TARGET_DOES_NOT_EXIST"},
		{name: "no template", call: func(f *fixture) error {
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template + "x"})
			return err
		}, code: "NoSuchEntityException", errorCode: "ASSESSMENT_TEMPLATE_DOES_NOT_EXIST"},
		{name: "no run", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentRunAgents(root, region, &classic.ListAssessmentRunAgentsInput{AssessmentRunArn: f.run + "x"})
			return err
		}, code: "NoSuchEntityException", errorCode: "ASSESSMENT_RUN_DOES_NOT_EXIST"},
		{name: "no resource group", call: func(f *fixture) error {
			return errOf(f.svc.UpdateAssessmentTarget(root, region, &classic.UpdateAssessmentTargetInput{AssessmentTargetArn: f.target, AssessmentTargetName: "prod", ResourceGroupArn: f.group + "x"}))
		}, code: "NoSuchEntityException", errorCode: "RESOURCE_GROUP_DOES_NOT_EXIST"},
		{name: "no rules package", call: func(f *fixture) error {
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) {
				in.RulesPackageArns = []string{"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-nothere1"}
			})
		}, code: "NoSuchEntityException", errorCode: "RULES_PACKAGE_DOES_NOT_EXIST"},
		{name: "rules package of another region", call: func(f *fixture) error {
			arn, _ := classic.RulesPackageArn("eu-west-1", classic.CVE)
			return createTemplate(f, func(in *classic.CreateAssessmentTemplateInput) { in.RulesPackageArns = []string{arn} })
		}, code: "NoSuchEntityException", errorCode: "RULES_PACKAGE_DOES_NOT_EXIST"},
		{name: "topic not subscribed", call: func(f *fixture) error {
			return errOf(f.svc.UnsubscribeFromEvent(root, region, &classic.UnsubscribeFromEventInput{ResourceArn: f.template, Event: classic.InspectorEventOther, TopicArn: "arn:aws:sns:us-east-1:" + account + ":t"}))
		}, code: "NoSuchEntityException", errorCode: "SNS_TOPIC_DOES_NOT_EXIST"},
		{name: "no role", call: func(f *fixture) error {
			_, err := f.svc.DescribeCrossAccountAccessRole(otherRoot, region, nil)
			return err
		}, code: "NoSuchEntityException", errorCode: "IAM_ROLE_DOES_NOT_EXIST"},
		{name: "no preview", call: func(f *fixture) error {
			_, err := f.svc.GetExclusionsPreview(root, region, &classic.GetExclusionsPreviewInput{AssessmentTemplateArn: f.template, PreviewToken: "00000000-0000-4000-8000-000000000000"})
			return err
		}, code: "NoSuchEntityException", errorCode: "ASSESSMENT_TEMPLATE_DOES_NOT_EXIST"},

		// AccessDeniedException: IAM, another account's resource, no caller.
		{name: "another account's target", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: otherTarget}))
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_TARGET"},
		{name: "no caller", call: func(f *fixture) error {
			_, err := f.svc.ListAssessmentTargets(nil, region, nil)
			return err
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_TARGET"},
		{name: "iam target", call: func(f *fixture) error {
			f.authz.set("inspector:UpdateAssessmentTarget")
			return errOf(f.svc.UpdateAssessmentTarget(root, region, &classic.UpdateAssessmentTargetInput{AssessmentTargetArn: f.target, AssessmentTargetName: "p"}))
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_TARGET"},
		{name: "iam service-linked role", call: func(f *fixture) error {
			f.authz.set("iam:CreateServiceLinkedRole")
			_, err := f.svc.CreateAssessmentTarget(otherRoot, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "t"})
			return err
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_TARGET"},
		{name: "iam template", call: func(f *fixture) error {
			f.authz.set("inspector:CreateAssessmentTemplate")
			return createTemplate(f, func(*classic.CreateAssessmentTemplateInput) {})
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE"},
		{name: "iam run", call: func(f *fixture) error {
			f.authz.set("inspector:StartAssessmentRun")
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})
			return err
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_ASSESSMENT_RUN"},
		{name: "iam finding", call: func(f *fixture) error {
			f.authz.set("inspector:ListFindings")
			return listFindings(f, classic.FindingFilter{})
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_FINDING"},
		{name: "iam resource group", call: func(f *fixture) error {
			f.authz.set("inspector:DescribeResourceGroups")
			_, err := f.svc.DescribeResourceGroups(root, region, &classic.DescribeResourceGroupsInput{ResourceGroupArns: []string{f.group}})
			return err
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_RESOURCE_GROUP"},
		{name: "iam rules package", call: func(f *fixture) error {
			f.authz.set("inspector:ListRulesPackages")
			_, err := f.svc.ListRulesPackages(root, region, nil)
			return err
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_RULES_PACKAGE"},
		{name: "iam pass role", call: func(f *fixture) error {
			f.authz.set("iam:PassRole")
			return errOf(f.svc.RegisterCrossAccountAccessRole(root, region, &classic.RegisterCrossAccountAccessRoleInput{RoleArn: "arn:aws:iam::" + account + ":role/inspector"}))
		}, code: "AccessDeniedException", errorCode: "ACCESS_DENIED_TO_IAM_ROLE"},

		// LimitExceededException.
		{name: "targets", mod: func(c *classic.Config) { c.Limits.AssessmentTargets = 1 }, call: func(f *fixture) error {
			_, err := f.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "second"})
			return err
		}, code: "LimitExceededException", errorCode: "ASSESSMENT_TARGET_LIMIT_EXCEEDED"},
		{name: "templates", mod: func(c *classic.Config) { c.Limits.AssessmentTemplates = 1 }, call: func(f *fixture) error {
			return createTemplate(f, func(*classic.CreateAssessmentTemplateInput) {})
		}, code: "LimitExceededException", errorCode: "ASSESSMENT_TEMPLATE_LIMIT_EXCEEDED"},
		{name: "runs", mod: func(c *classic.Config) { c.Limits.AssessmentRuns = 1 }, call: func(f *fixture) error {
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})
			return err
		}, code: "LimitExceededException", errorCode: "ASSESSMENT_RUN_LIMIT_EXCEEDED"},
		{name: "agents in running assessments", mod: func(c *classic.Config) { c.Limits.AgentsInRunningAssessments = 1 }, call: func(f *fixture) error {
			ok(t, f.svc.PutInstance(region, account, debianInstance("i-00000000000000002", map[string]string{"env": "prod"})))
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})
			return err
		}, code: "LimitExceededException", errorCode: "ASSESSMENT_RUN_LIMIT_EXCEEDED"},
		{name: "resource groups", mod: func(c *classic.Config) { c.Limits.ResourceGroups = 1 }, call: func(f *fixture) error {
			_, err := f.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: []classic.ResourceGroupTag{{Key: "k"}}})
			return err
		}, code: "LimitExceededException", errorCode: "RESOURCE_GROUP_LIMIT_EXCEEDED"},
		{name: "event subscriptions", mod: func(c *classic.Config) { c.Limits.EventSubscriptions = 1 }, call: func(f *fixture) error {
			for _, ev := range []classic.InspectorEvent{classic.InspectorEventOther, classic.InspectorEventFindingReported} {
				if _, err := f.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: f.template, Event: ev, TopicArn: "arn:aws:sns:us-east-1:" + account + ":t"}); err != nil {
					return err
				}
			}
			return nil
		}, code: "LimitExceededException", errorCode: "EVENT_SUBSCRIPTION_LIMIT_EXCEEDED"},

		// Runs in progress and busy agents.
		{name: "delete target in progress", call: func(f *fixture) error {
			start(f)
			return errOf(f.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: f.target}))
		}, code: "AssessmentRunInProgressException"},
		{name: "delete template in progress", call: func(f *fixture) error {
			start(f)
			return errOf(f.svc.DeleteAssessmentTemplate(root, region, &classic.DeleteAssessmentTemplateInput{AssessmentTemplateArn: f.template}))
		}, code: "AssessmentRunInProgressException"},
		{name: "delete run in progress", call: func(f *fixture) error {
			return errOf(f.svc.DeleteAssessmentRun(root, region, &classic.DeleteAssessmentRunInput{AssessmentRunArn: start(f)}))
		}, code: "AssessmentRunInProgressException"},
		{name: "report in progress", call: func(f *fixture) error {
			_, err := f.svc.GetAssessmentReport(root, region, &classic.GetAssessmentReportInput{AssessmentRunArn: start(f), ReportFileFormat: "PDF", ReportType: "FINDING"})
			return err
		}, code: "AssessmentRunInProgressException"},
		{name: "agents busy", call: func(f *fixture) error {
			start(f)
			_, err := f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: second(f)})
			return err
		}, code: "AgentsAlreadyRunningAssessmentException"},

		// The other exceptions.
		{name: "role of another account", call: func(f *fixture) error {
			return errOf(f.svc.RegisterCrossAccountAccessRole(root, region, &classic.RegisterCrossAccountAccessRoleInput{RoleArn: "arn:aws:iam::" + other + ":role/inspector"}))
		}, code: "InvalidCrossAccountRoleException", errorCode: "ROLE_DOES_NOT_EXIST_OR_INVALID_TRUST_RELATIONSHIP"},
		{name: "preview in progress", call: func(f *fixture) error {
			in := &classic.CreateExclusionsPreviewInput{AssessmentTemplateArn: f.template}
			must(f.svc.CreateExclusionsPreview(root, region, in))
			_, err := f.svc.CreateExclusionsPreview(root, region, in)
			return err
		}, code: "PreviewGenerationInProgressException"},
		{name: "malformed inventory", call: func(f *fixture) error {
			f.instances = []classic.Instance{{EC2Instance: inspector.EC2Instance{InstanceID: "vm-1"}}}
			_, err := f.svc.PreviewAgents(root, region, &classic.PreviewAgentsInput{PreviewAgentsArn: f.target})
			return err
		}, code: "InternalException"},
		{name: "identities down", call: func(f *fixture) error {
			f.ids.fail = true
			_, err := f.svc.CreateAssessmentTarget(otherRoot, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "t"})
			return err
		}, code: "ServiceTemporarilyUnavailableException"},
		{name: "unsupported region", call: func(f *fixture) error {
			_, err := f.svc.ListRulesPackages(root, "eu-south-1", nil)
			return err
		}, code: "UnsupportedFeatureException"},
		{name: "report format", call: func(f *fixture) error {
			_, err := f.svc.GetAssessmentReport(root, region, &classic.GetAssessmentReportInput{AssessmentRunArn: f.run, ReportFileFormat: "DOCX", ReportType: "FULL"})
			return err
		}, code: "UnsupportedFeatureException"},
	}
	sentinels := map[string]error{
		"InvalidInputException":                   classic.ErrInvalidInput,
		"NoSuchEntityException":                   classic.ErrNoSuchEntity,
		"AccessDeniedException":                   classic.ErrAccessDenied,
		"LimitExceededException":                  classic.ErrLimitExceeded,
		"AssessmentRunInProgressException":        classic.ErrAssessmentRunInProgress,
		"AgentsAlreadyRunningAssessmentException": classic.ErrAgentsAlreadyRunningAssessment,
		"InvalidCrossAccountRoleException":        classic.ErrInvalidCrossAccountRole,
		"PreviewGenerationInProgressException":    classic.ErrPreviewGenerationInProgress,
		"InternalException":                       classic.ErrInternal,
		"ServiceTemporarilyUnavailableException":  classic.ErrServiceTemporarilyUnavailable,
		"UnsupportedFeatureException":             classic.ErrUnsupportedFeature,
	}
	type got struct {
		Code, ErrorCode string
		CanRetry        bool
		Status          int
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.mod)
			err := tt.call(f)
			var e *classic.Error
			if !errors.As(err, &e) {
				t.Fatalf("error = %v, want a *classic.Error", err)
			}
			want := got{Code: tt.code, ErrorCode: tt.errorCode, Status: http.StatusBadRequest}
			switch tt.code {
			case "InternalException":
				want.Status, want.CanRetry = http.StatusInternalServerError, true
			case "ServiceTemporarilyUnavailableException":
				want.Status, want.CanRetry = http.StatusServiceUnavailable, true
			}
			if diff := cmp.Diff(want, got{e.Code, e.ErrorCode_, e.CanRetry, e.Status}); diff != "" {
				t.Errorf("%v: (-want +got)\n%s", err, diff)
			}
			if !errors.Is(err, sentinels[tt.code]) {
				t.Errorf("errors.Is(%v, sentinel of %s) = false", err, tt.code)
			}
			if e.Message == "" || e.ErrorCode() != e.Code || e.ErrorMessage() != e.Message || e.HTTPStatusCode() != e.Status {
				t.Errorf("accessors of %#v", e)
			}
			fields := e.ErrorFields()
			if tt.errorCode != "" && fields["errorCode"] != tt.errorCode {
				t.Errorf("ErrorFields()[errorCode] = %v", fields["errorCode"])
			}
		})
		seen[tt.errorCode] = true
		seen[tt.code] = true
	}
	// Every InvalidInputErrorCode but INVALID_FINDING_ARN (malformed finding
	// ARNs are failed items of the batch calls) is produced above.
	for _, c := range classic.InvalidInputErrorCode("").Values() {
		if !seen[string(c)] && c != classic.InvalidInputErrorCodeInvalidFindingArn {
			t.Errorf("no test produces InvalidInputException %s", c)
		}
	}
	for code := range sentinels {
		if !seen[code] {
			t.Errorf("no test produces %s", code)
		}
	}
}

// The members of the exceptions that carry lists.
func TestErrorMembers(t *testing.T) {
	f := newFixture(t, nil)
	run := must(f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template})).AssessmentRunArn
	_, err := f.svc.DeleteAssessmentTemplate(root, region, &classic.DeleteAssessmentTemplateInput{AssessmentTemplateArn: f.template})
	var e *classic.Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]any{"canRetry": false, "assessmentRunArns": []string{run}, "assessmentRunArnsTruncated": false}, e.ErrorFields()); diff != "" {
		t.Errorf("AssessmentRunInProgressException fields (-want +got)\n%s", diff)
	}

	tp := must(f.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
		AssessmentTargetArn: f.target, AssessmentTemplateName: "nr", DurationInSeconds: 180, RulesPackageArns: []string{nrArn()}}))
	_, err = f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp.AssessmentTemplateArn})
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	want := map[string]any{"canRetry": false, "agentsTruncated": false,
		"agents": []classic.AgentAlreadyRunningAssessment{{AgentID: "i-00000000000000001", AssessmentRunArn: run}}}
	if diff := cmp.Diff(want, e.ErrorFields()); diff != "" {
		t.Errorf("AgentsAlreadyRunningAssessmentException fields (-want +got)\n%s", diff)
	}
}

// Batch calls report unusable ARNs as failed items.
func TestFailedItems(t *testing.T) {
	f := newFixture(t, nil)
	otherFinding := strings.Replace(f.finding, account, other, 1)
	missing := f.finding[:len(f.finding)-1] + "Z"
	out := must(f.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: []string{f.finding, "arn:bad", otherFinding, missing}}))
	want := map[string]classic.FailedItemDetails{
		"arn:bad":    {FailureCode: classic.FailedItemErrorCodeInvalidArn},
		otherFinding: {FailureCode: classic.FailedItemErrorCodeAccessDenied},
		missing:      {FailureCode: classic.FailedItemErrorCodeItemDoesNotExist},
	}
	if diff := cmp.Diff(want, out.FailedItems); diff != "" {
		t.Errorf("failed items (-want +got)\n%s", diff)
	}
	if len(out.Findings) != 1 || out.Findings[0].Arn != f.finding {
		t.Errorf("findings = %+v", out.Findings)
	}
}
