package awsaccess_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

// classicInstance is vulnerableInstance with a healthy Inspector Classic
// agent that sees sshd listen on port 22.
func classicInstance() classic.Instance {
	return classic.Instance{EC2Instance: vulnerableInstance(), Hostname: "web-1", AgentVersion: "1.1.1770.0",
		OperatingSystem: "Debian 12", KernelVersion: "6.1.0-18-amd64",
		ListeningPorts: []classic.ListeningPort{{Protocol: inspector.NetworkProtocolTcp, Port: 22, Process: "sshd"}}}
}

// An Inspector Classic assessment over the wire: a resource group of the
// instances tagged env=prod, a target, a template of the CVE and Network
// Reachability rules packages, a run that completes as the clock advances,
// and its findings; then the errors: NoSuchEntityException, an IAM denial
// with errorCode and canRetry, and InvalidInputException from the model.
func TestInspectorClassicGolden(t *testing.T) {
	w := newJSONWorld(t, "inspector")
	w.account(jwMgmt, "management")
	creds := w.keys[jwMgmt]
	const who = "account root (" + jwMgmt + ")"
	if err := w.cloud.InspectorClassic().PutInstance(jwRegion, jwMgmt, classicInstance()); err != nil {
		t.Fatal(err)
	}
	cve, _ := classic.RulesPackageArn(jwRegion, classic.CVE)
	nr, _ := classic.RulesPackageArn(jwRegion, classic.NetworkReachability)

	res := w.golden("CreateResourceGroup", who, "inspector", "CreateResourceGroup", creds, `{"resourceGroupTags":[{"key":"env","value":"prod"}]}`)
	mustStatus(t, "CreateResourceGroup", res, http.StatusOK)
	group := res.Str("resourceGroupArn")

	res = w.golden("CreateAssessmentTarget", who, "inspector", "CreateAssessmentTarget", creds, `{"assessmentTargetName":"prod","resourceGroupArn":"`+group+`"}`)
	mustStatus(t, "CreateAssessmentTarget", res, http.StatusOK)
	target := res.Str("assessmentTargetArn")

	res = w.golden("CreateAssessmentTemplate", who, "inspector", "CreateAssessmentTemplate", creds,
		`{"assessmentTargetArn":"`+target+`","assessmentTemplateName":"hourly","durationInSeconds":3600,"rulesPackageArns":["`+cve+`","`+nr+`"]}`)
	mustStatus(t, "CreateAssessmentTemplate", res, http.StatusOK)
	template := res.Str("assessmentTemplateArn")

	res = w.golden("StartAssessmentRun", who, "inspector", "StartAssessmentRun", creds, `{"assessmentTemplateArn":"`+template+`","assessmentRunName":"first"}`)
	mustStatus(t, "StartAssessmentRun", res, http.StatusOK)
	run := res.Str("assessmentRunArn")

	w.advance(2 * time.Hour)
	res = w.golden("DescribeAssessmentRuns", who, "inspector", "DescribeAssessmentRuns", creds, `{"assessmentRunArns":["`+run+`"]}`)
	mustStatus(t, "DescribeAssessmentRuns", res, http.StatusOK)
	if st := res.Str("assessmentRuns", 0, "state"); st != "COMPLETED" {
		t.Errorf("run state %q after two hours, want COMPLETED", st)
	}

	res = w.golden("ListFindings", who, "inspector", "ListFindings", creds, `{"assessmentRunArns":["`+run+`"]}`)
	mustStatus(t, "ListFindings", res, http.StatusOK)
	arns, _ := res.Get("findingArns").([]any)
	if len(arns) == 0 {
		t.Fatalf("no findings: %s", res.Body)
	}
	res = w.golden("DescribeFindings", who, "inspector", "DescribeFindings", creds, `{"findingArns":["`+arns[0].(string)+`"]}`)
	mustStatus(t, "DescribeFindings", res, http.StatusOK)

	res = w.golden("StartAssessmentRun-no-such-template", who, "inspector", "StartAssessmentRun", creds,
		`{"assessmentTemplateArn":"arn:aws:inspector:us-east-1:`+jwMgmt+`:target/0-AAAAAAAA/template/0-BBBBBBBB"}`)
	mustStatus(t, "unknown template", res, http.StatusBadRequest)
	if res.Code() != "NoSuchEntityException" || res.Str("errorCode") == "" || res.Get("canRetry") != false {
		t.Errorf("NoSuchEntityException: %s %s", res.Code(), res.Body)
	}

	nobody := w.user(jwMgmt, "nobody", "")
	res = w.golden("ListAssessmentTemplates-iam-denied", "IAM user nobody of "+jwMgmt, "inspector", "ListAssessmentTemplates", nobody, `{}`)
	mustStatus(t, "IAM denial", res, http.StatusBadRequest)
	if res.Code() != "AccessDeniedException" || res.Str("errorCode") != "ACCESS_DENIED_TO_ASSESSMENT_TEMPLATE" || res.Get("canRetry") != false {
		t.Errorf("AccessDeniedException: %s %s", res.Code(), res.Body)
	}

	res = w.golden("CreateAssessmentTemplate-short-duration", who, "inspector", "CreateAssessmentTemplate", creds,
		`{"assessmentTargetArn":"`+target+`","assessmentTemplateName":"quick","durationInSeconds":60,"rulesPackageArns":["`+cve+`"]}`)
	mustStatus(t, "short duration", res, http.StatusBadRequest)
	if res.Code() != "InvalidInputException" || res.Get("canRetry") != false {
		t.Errorf("InvalidInputException: %s %s", res.Code(), res.Body)
	}
}
