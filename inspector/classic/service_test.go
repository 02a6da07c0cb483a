package classic_test

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/classic"
)

const topic = "arn:aws:sns:us-east-1:" + account + ":inspector"

// A run goes through every state at the documented times, notifies the
// subscribed topics, and publishes its findings when it completes.
func TestRunLifecycle(t *testing.T) {
	w := newWorld(t, nil)
	ok(t, w.svc.PutInstance(region, account, debianInstance("i-1", map[string]string{"env": "prod"})))
	_, tmpl := w.setup(t)
	for _, ev := range []classic.InspectorEvent{classic.InspectorEventAssessmentRunStarted, classic.InspectorEventAssessmentRunCompleted} {
		must(w.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: tmpl, Event: ev, TopicArn: topic}))
	}
	arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn

	r := w.describeRun(t, arn)
	if r.State != classic.AssessmentRunStateCreated || r.Name != "Run 1 for weekly" || r.DataCollected || !r.StartedAt.IsZero() {
		t.Fatalf("new run: %+v", r)
	}
	if got := w.allFindings(t, nil, arn); len(got) != 0 {
		t.Fatalf("findings of a run in progress: %v", got)
	}
	agents := must(w.svc.ListAssessmentRunAgents(root, region, &classic.ListAssessmentRunAgentsInput{AssessmentRunArn: arn}))
	if len(agents.AssessmentRunAgents) != 1 || agents.AssessmentRunAgents[0].AgentHealthCode != classic.AgentHealthCodeIdle {
		t.Fatalf("agents of a new run: %+v", agents)
	}

	w.clock.Advance(10 * time.Second) // collecting
	agents = must(w.svc.ListAssessmentRunAgents(root, region, &classic.ListAssessmentRunAgentsInput{AssessmentRunArn: arn}))
	if a := agents.AssessmentRunAgents[0]; a.AgentHealthCode != classic.AgentHealthCodeRunning || len(a.TelemetryMetadata) != 0 {
		t.Fatalf("agent while collecting: %+v", a)
	}

	w.clock.Advance(10 * time.Minute) // long past completion
	r = w.describeRun(t, arn)
	s := func(d time.Duration) time.Time { return t0.Add(d) }
	collectEnd := 3*time.Second + 180*time.Second
	wantChanges := []classic.AssessmentRunStateChange{
		{StateChangedAt: s(0), State: classic.AssessmentRunStateCreated},
		{StateChangedAt: s(1 * time.Second), State: classic.AssessmentRunStateStartDataCollectionPending},
		{StateChangedAt: s(2 * time.Second), State: classic.AssessmentRunStateStartDataCollectionInProgress},
		{StateChangedAt: s(3 * time.Second), State: classic.AssessmentRunStateCollectingData},
		{StateChangedAt: s(collectEnd), State: classic.AssessmentRunStateStopDataCollectionPending},
		{StateChangedAt: s(collectEnd + 30*time.Second), State: classic.AssessmentRunStateDataCollected},
		{StateChangedAt: s(collectEnd + 31*time.Second), State: classic.AssessmentRunStateStartEvaluatingRulesPending},
		{StateChangedAt: s(collectEnd + 32*time.Second), State: classic.AssessmentRunStateEvaluatingRules},
		{StateChangedAt: s(collectEnd + 33*time.Second), State: classic.AssessmentRunStateCompleted},
	}
	if diff := cmp.Diff(wantChanges, r.StateChanges); diff != "" {
		t.Errorf("state changes (-want +got)\n%s", diff)
	}
	end := s(collectEnd + 33*time.Second)
	if r.State != classic.AssessmentRunStateCompleted || !r.DataCollected || r.StartedAt != s(3*time.Second) ||
		r.CompletedAt != end || r.StateChangedAt != end {
		t.Errorf("completed run: %+v", r)
	}
	wantNotes := []classic.AssessmentRunNotification{
		{Date: s(3 * time.Second), Event: classic.InspectorEventAssessmentRunStarted, Message: "Assessment run started.", SnsTopicArn: topic, SnsPublishStatusCode: "SUCCESS"},
		{Date: end, Event: classic.InspectorEventAssessmentRunCompleted, Message: "Assessment run ended in state COMPLETED.", SnsTopicArn: topic, SnsPublishStatusCode: "SUCCESS"},
	}
	if diff := cmp.Diff(wantNotes, r.Notifications); diff != "" {
		t.Errorf("notifications (-want +got)\n%s", diff)
	}
	// curl and xz-utils are vulnerable (High); SSH is open (Medium); the
	// exposure summary is Informational.
	wantCounts := map[classic.Severity]int32{"High": 2, "Medium": 1, "Low": 0, "Informational": 1, "Undefined": 0}
	if diff := cmp.Diff(wantCounts, r.FindingCounts); diff != "" {
		t.Errorf("finding counts (-want +got)\n%s", diff)
	}
	arns := w.allFindings(t, nil, arn)
	found := must(w.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: arns}))
	var ids []string
	for _, f := range found.Findings {
		ids = append(ids, f.ID)
		if f.CreatedAt != end || !strings.HasPrefix(f.Arn, arn+"/finding/0-") || f.ServiceAttributes.AssessmentRunArn != arn {
			t.Errorf("finding %+v", f)
		}
		if diff := cmp.Diff([]classic.Attribute{{Key: "team", Value: "web"}}, f.UserAttributes); diff != "" {
			t.Errorf("user attributes of %s (-want +got)\n%s", f.ID, diff)
		}
	}
	if diff := cmp.Diff([]string{"CVE-2023-38545", "CVE-2024-3094", "RecognizedPortNoListener", "NetworkExposure"}, ids,
		cmp.Transformer("sort", func(s []string) []string { return slices.Sorted(slices.Values(s)) })); diff != "" {
		t.Errorf("finding ids (-want +got)\n%s", diff)
	}
	agents = must(w.svc.ListAssessmentRunAgents(root, region, &classic.ListAssessmentRunAgentsInput{AssessmentRunArn: arn}))
	wantAgent := classic.AssessmentRunAgent{AgentID: "i-1", AssessmentRunArn: arn, AgentHealth: "HEALTHY", AgentHealthCode: "IDLE",
		TelemetryMetadata: []classic.TelemetryMetadata{{MessageType: "InspectorPackageInfo", Count: 3}}}
	if diff := cmp.Diff([]classic.AssessmentRunAgent{wantAgent}, agents.AssessmentRunAgents); diff != "" {
		t.Errorf("agents (-want +got)\n%s", diff)
	}
	tm := must(w.svc.GetTelemetryMetadata(root, region, &classic.GetTelemetryMetadataInput{AssessmentRunArn: arn}))
	if diff := cmp.Diff([]classic.TelemetryMetadata{{MessageType: "InspectorPackageInfo", Count: 3}}, tm.TelemetryMetadata); diff != "" {
		t.Errorf("telemetry (-want +got)\n%s", diff)
	}
	tp := must(w.svc.DescribeAssessmentTemplates(root, region, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: []string{tmpl}}))
	if got := tp.AssessmentTemplates[0]; got.AssessmentRunCount != 1 || got.LastAssessmentRunArn != arn {
		t.Errorf("template after a run: %+v", got)
	}
}

func TestStopAssessmentRun(t *testing.T) {
	for _, tt := range []struct {
		action classic.StopAction
		want   classic.AssessmentRunState
		found  bool
	}{
		{classic.StopActionStartEvaluation, classic.AssessmentRunStateCompleted, true},
		{"", classic.AssessmentRunStateCompleted, true},
		{classic.StopActionSkipEvaluation, classic.AssessmentRunStateCanceled, false},
	} {
		t.Run(string(tt.action), func(t *testing.T) {
			w := newWorld(t, nil)
			ok(t, w.svc.PutInstance(region, account, debianInstance("i-1", map[string]string{"env": "prod"})))
			_, tmpl := w.setup(t)
			arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn
			w.clock.Advance(5 * time.Second)
			must(w.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: arn, StopAction: tt.action}))
			r := w.describeRun(t, arn)
			if tt.found && r.State != classic.AssessmentRunStateStopDataCollectionPending {
				t.Fatalf("state after stop = %s", r.State)
			}
			w.clock.Advance(time.Minute)
			r = w.describeRun(t, arn)
			if r.State != tt.want {
				t.Errorf("state = %s, want %s", r.State, tt.want)
			}
			if got := len(w.allFindings(t, nil, arn)) > 0; got != tt.found {
				t.Errorf("findings: %v, want %v", got, tt.found)
			}
			// Stopping a finished run changes nothing.
			must(w.svc.StopAssessmentRun(root, region, &classic.StopAssessmentRunInput{AssessmentRunArn: arn}))
			if diff := cmp.Diff(r, w.describeRun(t, arn)); diff != "" {
				t.Errorf("stop of a finished run (-before +after)\n%s", diff)
			}
		})
	}
}

// A target without instances fails its runs; instances without agents
// complete with errors; both record exclusions.
func TestRunOutcomes(t *testing.T) {
	for _, tt := range []struct {
		name       string
		instances  []classic.Instance
		packages   []string
		state      classic.AssessmentRunState
		exclusions []string
	}{
		{"no instances", nil, []string{cveArn()}, classic.AssessmentRunStateFailed, []string{"No instances in target"}},
		{"no agent", []classic.Instance{withHealth(debianInstance("i-1", prod), classic.AgentHealthUnknown)},
			[]string{cveArn(), nrArn()}, classic.AssessmentRunStateCompletedWithErrors, []string{"Agent not found"}},
		{"unhealthy agent", []classic.Instance{withHealth(debianInstance("i-1", prod), classic.AgentHealthUnhealthy)},
			[]string{cveArn()}, classic.AssessmentRunStateCompletedWithErrors, []string{"Agent is unhealthy"}},
		{"unsupported os", []classic.Instance{withPlatform(debianInstance("i-1", prod), "WINDOWS_SERVER_2022")},
			[]string{cveArn()}, classic.AssessmentRunStateCompleted, []string{"Unsupported OS version"}},
		{"cis", []classic.Instance{debianInstance("i-1", prod)},
			[]string{cisArn()}, classic.AssessmentRunStateCompleted, []string{"Rules package not supported by OS"}},
		{"network reachability needs no agent", []classic.Instance{withHealth(debianInstance("i-1", prod), classic.AgentHealthUnknown)},
			[]string{nrArn()}, classic.AssessmentRunStateCompleted, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, nil)
			for _, in := range tt.instances {
				ok(t, w.svc.PutInstance(region, account, in))
			}
			tg := must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "all"}))
			tp := must(w.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
				AssessmentTargetArn: tg.AssessmentTargetArn, AssessmentTemplateName: "t", DurationInSeconds: 180, RulesPackageArns: tt.packages}))
			arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp.AssessmentTemplateArn})).AssessmentRunArn
			w.clock.Advance(time.Hour)
			if r := w.describeRun(t, arn); r.State != tt.state {
				t.Errorf("state = %s, want %s", r.State, tt.state)
			}
			ex := must(w.svc.ListExclusions(root, region, &classic.ListExclusionsInput{AssessmentRunArn: arn}))
			var titles []string
			if len(ex.ExclusionArns) > 0 {
				d := must(w.svc.DescribeExclusions(root, region, &classic.DescribeExclusionsInput{ExclusionArns: ex.ExclusionArns}))
				for _, a := range ex.ExclusionArns {
					titles = append(titles, d.Exclusions[a].Title)
				}
			}
			if diff := cmp.Diff(tt.exclusions, titles); diff != "" {
				t.Errorf("exclusions (-want +got)\n%s", diff)
			}
		})
	}
}

var prod = map[string]string{"env": "prod"}

// Network Reachability findings tell recognized ports from others and
// whether a process listens, when an agent can tell.
func TestNetworkReachability(t *testing.T) {
	open := func(in classic.Instance) classic.Instance {
		in.SecurityGroups = append(in.SecurityGroups, inspector.SecurityGroup{ID: "sg-app", Ingress: []inspector.IngressRule{
			{Protocol: "tcp", FromPort: 8000, ToPort: 8100, CIDRs: []string{"::/0"}},
			{Protocol: "udp", FromPort: 53, ToPort: 53, CIDRs: []string{"10.0.0.0/8"}}, // not from the internet
		}})
		in.ListeningPorts = []classic.ListeningPort{{Protocol: "TCP", Port: 22, Process: "sshd"}, {Protocol: "TCP", Port: 8080, Process: "java"}}
		return in
	}
	private := open(debianInstance("i-3", prod))
	private.SubnetRoutesToInternet = false
	for _, tt := range []struct {
		in   classic.Instance
		want []string
	}{
		{open(debianInstance("i-1", prod)), []string{
			"Medium RecognizedPortWithListener On instance i-1, TCP port 22, which is associated with 'SSH', is reachable from the internet",
			"Low UnrecognizedPortWithListener On instance i-1, TCP port 8080 is reachable from the internet",
			"Informational NetworkExposure On instance i-1, ports are reachable from the internet",
		}},
		{withHealth(open(debianInstance("i-2", prod)), classic.AgentHealthUnknown), []string{
			"Medium RecognizedPortNoAgent On instance i-2, TCP port 22, which is associated with 'SSH', is reachable from the internet",
			"Informational NetworkExposure On instance i-2, ports are reachable from the internet",
		}},
		{private, []string{"Informational  No potential security issues found"}},
	} {
		w := newWorld(t, nil)
		ok(t, w.svc.PutInstance(region, account, tt.in))
		tg := must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "all"}))
		tp := must(w.svc.CreateAssessmentTemplate(root, region, &classic.CreateAssessmentTemplateInput{
			AssessmentTargetArn: tg.AssessmentTargetArn, AssessmentTemplateName: "nr", DurationInSeconds: 180, RulesPackageArns: []string{nrArn()}}))
		arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp.AssessmentTemplateArn})).AssessmentRunArn
		w.clock.Advance(time.Hour)
		d := must(w.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: w.allFindings(t, nil, arn)}))
		var got []string
		for _, f := range d.Findings {
			got = append(got, string(f.Severity)+" "+f.ID+" "+f.Title)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: findings (-want +got)\n%s", tt.in.InstanceID, diff)
		}
	}
}

func withHealth(in classic.Instance, h classic.AgentHealth) classic.Instance {
	in.AgentHealth = h
	return in
}

func withPlatform(in classic.Instance, p string) classic.Instance {
	in.Platform = p
	return in
}

// A resource group selects the instances carrying any of its tags; a tag
// without a value matches every value; a target without a group holds all.
func TestResourceGroupSelection(t *testing.T) {
	w := newWorld(t, nil)
	for id, tags := range map[string]map[string]string{
		"i-prod":    {"env": "prod"},
		"i-staging": {"env": "staging"},
		"i-web":     {"role": "web"},
		"i-none":    nil,
	} {
		ok(t, w.svc.PutInstance(region, account, debianInstance(id, tags)))
	}
	preview := func(tags []classic.ResourceGroupTag) []string {
		in := &classic.CreateAssessmentTargetInput{AssessmentTargetName: "t" + time.Now().String()}
		if tags != nil {
			in.ResourceGroupArn = must(w.svc.CreateResourceGroup(root, region, &classic.CreateResourceGroupInput{ResourceGroupTags: tags})).ResourceGroupArn
		}
		tg := must(w.svc.CreateAssessmentTarget(root, region, in))
		out := must(w.svc.PreviewAgents(root, region, &classic.PreviewAgentsInput{PreviewAgentsArn: tg.AssessmentTargetArn}))
		var ids []string
		for _, a := range out.AgentPreviews {
			ids = append(ids, a.AgentID)
		}
		return ids
	}
	for _, tt := range []struct {
		tags []classic.ResourceGroupTag
		want []string
	}{
		{[]classic.ResourceGroupTag{{Key: "env", Value: "prod"}}, []string{"i-prod"}},
		{[]classic.ResourceGroupTag{{Key: "env"}}, []string{"i-prod", "i-staging"}},
		{[]classic.ResourceGroupTag{{Key: "env", Value: "prod"}, {Key: "role", Value: "web"}}, []string{"i-prod", "i-web"}},
		{[]classic.ResourceGroupTag{{Key: "env", Value: "dev"}}, nil},
		{nil, []string{"i-none", "i-prod", "i-staging", "i-web"}},
	} {
		if diff := cmp.Diff(tt.want, preview(tt.tags)); diff != "" {
			t.Errorf("instances of %v (-want +got)\n%s", tt.tags, diff)
		}
	}
}

// Deleting a target deletes its templates, their runs and findings.
func TestDeleteCascade(t *testing.T) {
	f := newFixture(t, nil)
	must(f.svc.DeleteAssessmentTarget(root, region, &classic.DeleteAssessmentTargetInput{AssessmentTargetArn: f.target}))
	runs := must(f.svc.DescribeAssessmentRuns(root, region, &classic.DescribeAssessmentRunsInput{AssessmentRunArns: []string{f.run}}))
	tps := must(f.svc.DescribeAssessmentTemplates(root, region, &classic.DescribeAssessmentTemplatesInput{AssessmentTemplateArns: []string{f.template}}))
	fs := must(f.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: []string{f.finding}}))
	if len(runs.AssessmentRuns)+len(tps.AssessmentTemplates)+len(fs.Findings) != 0 || len(f.allFindings(t, nil)) != 0 {
		t.Errorf("left after deleting the target: %+v %+v %+v", runs, tps, fs)
	}
	// The resource group survives (there is no API to delete one).
	g := must(f.svc.DescribeResourceGroups(root, region, &classic.DescribeResourceGroupsInput{ResourceGroupArns: []string{f.group}}))
	if len(g.ResourceGroups) != 1 {
		t.Errorf("resource group: %+v", g)
	}
}

// The first target of an account creates the service-linked role, once;
// it then answers DescribeCrossAccountAccessRole until a role is registered.
func TestServiceLinkedRole(t *testing.T) {
	f := newFixture(t, nil)
	must(f.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "second"}))
	must(f.svc.CreateAssessmentTarget(root, "eu-west-1", &classic.CreateAssessmentTargetInput{AssessmentTargetName: "third"}))
	if diff := cmp.Diff([]string{account + "/inspector.amazonaws.com"}, f.ids.roles); diff != "" {
		t.Errorf("service-linked roles created (-want +got)\n%s", diff)
	}
	var slrChecks int
	for _, c := range f.authz.checks {
		if c.Action == "iam:CreateServiceLinkedRole" {
			slrChecks++
			if c.Resource != "arn:aws:iam::"+account+":role/aws-service-role/inspector.amazonaws.com/AWSServiceRoleForAmazonInspector" {
				t.Errorf("service-linked role check on %s", c.Resource)
			}
		}
	}
	if slrChecks != 1 {
		t.Errorf("%d iam:CreateServiceLinkedRole checks, want 1", slrChecks)
	}
	role := must(f.svc.DescribeCrossAccountAccessRole(root, region, nil))
	if !strings.HasSuffix(role.RoleArn, ":role/aws-service-role/inspector.amazonaws.com/AWSServiceRoleForAmazonInspector") || !role.Valid || role.RegisteredAt != t0 {
		t.Errorf("role = %+v", role)
	}
	const mine = "arn:aws:iam::" + account + ":role/inspector"
	must(f.svc.RegisterCrossAccountAccessRole(root, region, &classic.RegisterCrossAccountAccessRoleInput{RoleArn: mine}))
	if role := must(f.svc.DescribeCrossAccountAccessRole(root, region, nil)); role.RoleArn != mine {
		t.Errorf("role after registration = %+v", role)
	}
}

// Every operation asks IAM for inspector:<Operation> on "*".
func TestIAMActions(t *testing.T) {
	f := newFixture(t, nil)
	start := len(f.authz.checks)
	calls := map[string]func() error{
		"ListAssessmentTargets": func() error { _, err := f.svc.ListAssessmentTargets(root, region, nil); return err },
		"ListAssessmentTemplates": func() error {
			_, err := f.svc.ListAssessmentTemplates(root, region, nil)
			return err
		},
		"ListAssessmentRuns":     func() error { _, err := f.svc.ListAssessmentRuns(root, region, nil); return err },
		"ListFindings":           func() error { _, err := f.svc.ListFindings(root, region, nil); return err },
		"ListRulesPackages":      func() error { _, err := f.svc.ListRulesPackages(root, region, nil); return err },
		"ListEventSubscriptions": func() error { _, err := f.svc.ListEventSubscriptions(root, region, nil); return err },
		"DescribeCrossAccountAccessRole": func() error {
			_, err := f.svc.DescribeCrossAccountAccessRole(root, region, nil)
			return err
		},
		"GetTelemetryMetadata": func() error {
			_, err := f.svc.GetTelemetryMetadata(root, region, &classic.GetTelemetryMetadataInput{AssessmentRunArn: f.run})
			return err
		},
	}
	for op, call := range calls {
		ok(t, call())
		c := f.authz.checks[len(f.authz.checks)-1]
		if c.Action != "inspector:"+op || c.Resource != "*" {
			t.Errorf("%s checked %s on %s", op, c.Action, c.Resource)
		}
	}
	if len(f.authz.checks)-start != len(calls) {
		t.Errorf("%d checks for %d calls", len(f.authz.checks)-start, len(calls))
	}
}

// ListFindings pages through the same findings as one big page, filters
// combine, and user attributes can be added, replaced and removed.
func TestFindingsListing(t *testing.T) {
	w := newWorld(t, nil)
	for _, id := range []string{"i-1", "i-2", "i-3"} {
		ok(t, w.svc.PutInstance(region, account, debianInstance(id, prod)))
	}
	_, tmpl := w.setup(t)
	arn := must(w.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tmpl})).AssessmentRunArn
	w.clock.Advance(time.Hour)

	all := w.allFindings(t, nil)
	big := must(w.svc.ListFindings(root, region, &classic.ListFindingsInput{MaxResults: 500}))
	if diff := cmp.Diff(big.FindingArns, all); diff != "" || len(all) != 12 || big.NextToken != "" {
		t.Errorf("paged listing (-one page +pages), %d findings\n%s", len(all), diff)
	}
	def := must(w.svc.ListFindings(root, region, nil))
	if len(def.FindingArns) != 10 || def.NextToken == "" {
		t.Errorf("default page: %d findings, token %q", len(def.FindingArns), def.NextToken)
	}
	high := w.allFindings(t, &classic.FindingFilter{Severities: []classic.Severity{classic.SeverityHigh}, AgentIDs: []string{"i-2"}}, arn)
	if len(high) != 2 {
		t.Errorf("High findings of i-2: %v", high)
	}
	byRule := w.allFindings(t, &classic.FindingFilter{RuleNames: []string{"CVE-2024-3094"}, RulesPackageArns: []string{cveArn()}})
	if len(byRule) != 3 {
		t.Errorf("CVE-2024-3094 findings: %v", byRule)
	}

	out := must(w.svc.AddAttributesToFindings(root, region, &classic.AddAttributesToFindingsInput{FindingArns: high,
		Attributes: []classic.Attribute{{Key: "team", Value: "sec"}, {Key: "status", Value: "open"}}}))
	if len(out.FailedItems) != 0 {
		t.Fatal(out.FailedItems)
	}
	tagged := w.allFindings(t, &classic.FindingFilter{UserAttributes: []classic.Attribute{{Key: "team", Value: "sec"}}})
	if diff := cmp.Diff(high, tagged); diff != "" {
		t.Errorf("findings by user attribute (-want +got)\n%s", diff)
	}
	d := must(w.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: high[:1]}))
	if diff := cmp.Diff([]classic.Attribute{{Key: "team", Value: "sec"}, {Key: "status", Value: "open"}}, d.Findings[0].UserAttributes); diff != "" {
		t.Errorf("user attributes (-want +got)\n%s", diff)
	}
	must(w.svc.RemoveAttributesFromFindings(root, region, &classic.RemoveAttributesFromFindingsInput{FindingArns: high, AttributeKeys: []string{"team"}}))
	d = must(w.svc.DescribeFindings(root, region, &classic.DescribeFindingsInput{FindingArns: high[:1]}))
	if diff := cmp.Diff([]classic.Attribute{{Key: "status", Value: "open"}}, d.Findings[0].UserAttributes); diff != "" {
		t.Errorf("user attributes after removal (-want +got)\n%s", diff)
	}
	// A finding holds at most 10 user attributes.
	many := make([]classic.Attribute, 10)
	for i := range many {
		many[i] = classic.Attribute{Key: string(rune('a' + i)), Value: "x"}
	}
	out = must(w.svc.AddAttributesToFindings(root, region, &classic.AddAttributesToFindingsInput{FindingArns: high[:1], Attributes: many}))
	if diff := cmp.Diff(map[string]classic.FailedItemDetails{high[0]: {FailureCode: classic.FailedItemErrorCodeLimitExceeded}}, out.FailedItems); diff != "" {
		t.Errorf("failed items (-want +got)\n%s", diff)
	}
}

// Reports are deterministic and the URL renders the same document.
func TestAssessmentReport(t *testing.T) {
	f := newFixture(t, nil)
	for _, format := range []classic.ReportFileFormat{classic.ReportFileFormatHtml, classic.ReportFileFormatPdf} {
		in := &classic.GetAssessmentReportInput{AssessmentRunArn: f.run, ReportFileFormat: format, ReportType: classic.ReportTypeFull}
		a := must(f.svc.GetAssessmentReport(root, region, in))
		b := must(f.svc.GetAssessmentReport(root, region, in))
		if a.Status != classic.ReportStatusCompleted || !bytes.Equal(a.Body, b.Body) || a.URL != b.URL {
			t.Errorf("%s report not deterministic", format)
		}
		body, ctype, found := f.svc.AssessmentReport(a.URL)
		if !found || !bytes.Equal(body, a.Body) || ctype != a.ContentType {
			t.Errorf("AssessmentReport(%s) = %d bytes, %q, %v", a.URL, len(body), ctype, found)
		}
		text := string(a.Body)
		switch format {
		case classic.ReportFileFormatHtml:
			if !strings.HasPrefix(text, "<!DOCTYPE html>") || !strings.Contains(text, "CVE-2023-38545") || !strings.Contains(text, "Passed rules packages") {
				t.Errorf("HTML report:\n%s", text)
			}
		case classic.ReportFileFormatPdf:
			if !strings.HasPrefix(text, "%PDF-1.4") || !strings.HasSuffix(text, "%%EOF\n") || !strings.Contains(text, "CVE-2023-38545") {
				t.Errorf("PDF report:\n%s", text)
			}
		}
	}
	if _, _, found := f.svc.AssessmentReport("https://example.com/x"); found {
		t.Error("AssessmentReport of a foreign URL")
	}
}

// An exclusions preview is in progress, then lists what a run would
// exclude, including instances busy in another run.
func TestExclusionsPreview(t *testing.T) {
	f := newFixture(t, nil)
	ok(t, f.svc.PutInstance(region, account, withHealth(debianInstance("i-00000000000000002", prod), classic.AgentHealthUnknown)))
	must(f.svc.StartAssessmentRun(root, region, &classic.StartAssessmentRunInput{AssessmentTemplateArn: f.template}))
	tok := must(f.svc.CreateExclusionsPreview(root, region, &classic.CreateExclusionsPreviewInput{AssessmentTemplateArn: f.template})).PreviewToken
	get := &classic.GetExclusionsPreviewInput{AssessmentTemplateArn: f.template, PreviewToken: tok}
	if p := must(f.svc.GetExclusionsPreview(root, region, get)); p.PreviewStatus != classic.PreviewStatusWorkInProgress || len(p.ExclusionPreviews) != 0 {
		t.Errorf("preview in progress: %+v", p)
	}
	f.clock.Advance(classic.ExclusionsPreviewDelay)
	p := must(f.svc.GetExclusionsPreview(root, region, get))
	var got []string
	for _, e := range p.ExclusionPreviews {
		got = append(got, e.Title+" "+e.Scopes[0].Value)
	}
	want := []string{"Agent is already running i-00000000000000001", "Agent is already running i-00000000000000002",
		"Agent not found i-00000000000000002"}
	if p.PreviewStatus != classic.PreviewStatusCompleted || !cmp.Equal(want, got) {
		t.Errorf("preview: %s %s", p.PreviewStatus, cmp.Diff(want, got))
	}
}

// FromInspector reads Amazon Inspector's EC2 inventory.
func TestFromInspector(t *testing.T) {
	inv := inventory{"us-east-1/" + account: {
		{InstanceID: "i-managed", Tags: prod},
		{InstanceID: "i-unmanaged", Tags: prod, Unmanaged: true},
	}}
	w := newWorld(t, func(c *classic.Config) { c.Instances = classic.FromInspector(inv) })
	tg := must(w.svc.CreateAssessmentTarget(root, region, &classic.CreateAssessmentTargetInput{AssessmentTargetName: "all"}))
	out := must(w.svc.PreviewAgents(root, region, &classic.PreviewAgentsInput{PreviewAgentsArn: tg.AssessmentTargetArn}))
	want := []classic.AgentPreview{{AgentID: "i-managed", AgentHealth: "HEALTHY"}, {AgentID: "i-unmanaged", AgentHealth: "UNKNOWN"}}
	if diff := cmp.Diff(want, out.AgentPreviews); diff != "" {
		t.Errorf("agents (-want +got)\n%s", diff)
	}
}

type inventory map[string][]inspector.EC2Instance

func (inv inventory) EC2Instances(region, account string) []inspector.EC2Instance {
	return inv[region+"/"+account]
}

// Event subscriptions group by template and topic.
func TestEventSubscriptions(t *testing.T) {
	f := newFixture(t, nil)
	sub := func(ev classic.InspectorEvent, topic string) {
		must(f.svc.SubscribeToEvent(root, region, &classic.SubscribeToEventInput{ResourceArn: f.template, Event: ev, TopicArn: topic}))
	}
	sub(classic.InspectorEventAssessmentRunCompleted, topic)
	sub(classic.InspectorEventFindingReported, topic)
	sub(classic.InspectorEventFindingReported, topic) // again: no change
	sub(classic.InspectorEventOther, topic+"2")
	out := must(f.svc.ListEventSubscriptions(root, region, &classic.ListEventSubscriptionsInput{ResourceArn: f.template}))
	want := []classic.Subscription{
		{ResourceArn: f.template, TopicArn: topic, EventSubscriptions: []classic.EventSubscription{
			{Event: "ASSESSMENT_RUN_COMPLETED", SubscribedAt: f.clock.Now()}, {Event: "FINDING_REPORTED", SubscribedAt: f.clock.Now()}}},
		{ResourceArn: f.template, TopicArn: topic + "2", EventSubscriptions: []classic.EventSubscription{{Event: "OTHER", SubscribedAt: f.clock.Now()}}},
	}
	if diff := cmp.Diff(want, out.Subscriptions); diff != "" {
		t.Errorf("subscriptions (-want +got)\n%s", diff)
	}
	must(f.svc.UnsubscribeFromEvent(root, region, &classic.UnsubscribeFromEventInput{ResourceArn: f.template, Event: "OTHER", TopicArn: topic + "2"}))
	out = must(f.svc.ListEventSubscriptions(root, region, nil))
	if len(out.Subscriptions) != 1 {
		t.Errorf("after unsubscribing: %+v", out.Subscriptions)
	}
}

// Concurrent callers on several accounts and regions (run with -race).
func TestConcurrentUse(t *testing.T) {
	w := newWorld(t, nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			caller, reg := root, region
			if i%2 == 1 {
				caller = otherRoot
			}
			if i%4 >= 2 {
				reg = "us-west-2"
			}
			id := "i-" + string(rune('a'+i))
			if err := w.svc.PutInstance(reg, caller.Account, debianInstance(id, prod)); err != nil {
				t.Error(err)
				return
			}
			tg, err := w.svc.CreateAssessmentTarget(caller, reg, &classic.CreateAssessmentTargetInput{AssessmentTargetName: id})
			if err != nil {
				return // a name race with the same account and region
			}
			cve, _ := classic.RulesPackageArn(reg, classic.CVE)
			tp, err := w.svc.CreateAssessmentTemplate(caller, reg, &classic.CreateAssessmentTemplateInput{
				AssessmentTargetArn: tg.AssessmentTargetArn, AssessmentTemplateName: "t", DurationInSeconds: 180, RulesPackageArns: []string{cve}})
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = w.svc.StartAssessmentRun(caller, reg, &classic.StartAssessmentRunInput{AssessmentTemplateArn: tp.AssessmentTemplateArn})
			w.clock.Advance(time.Minute)
			_, _ = w.svc.ListFindings(caller, reg, nil)
		}()
	}
	wg.Wait()
}
