package classic

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// templateSnapshot is what an evaluation needs of a template, copied under
// the lock.
type templateSnapshot struct {
	arn      string
	tags     []ResourceGroupTag // nil: every instance
	packages []string
	kinds    []RulesPackageKind
}

func snapshotOf(t *template) templateSnapshot {
	return templateSnapshot{arn: t.arn, tags: t.target.groupTags(), packages: slices.Clone(t.packages), kinds: slices.Clone(t.kinds)}
}

// draft is the evaluation of a run's instances: its agents, findings and
// exclusions before they get ARNs and times.
type draft struct {
	agents     []runAgent
	findings   []draftFinding
	exclusions []ExclusionPreview
	// errors: an agent-based rules package could not assess an instance
	// because its agent is missing or unhealthy.
	errors bool
}

type draftFinding struct {
	kind    RulesPackageKind
	agentID string
	asg     string
	rec     Finding
}

// evaluate assesses the instances of a template's target with its rules
// packages, using the same scan engine as Amazon Inspector: the CVE
// package matches each healthy agent's packages against the advisory
// database (inspector.Scanner), the Network Reachability package reports
// the ports the instance's security groups open to the internet
// (inspector.OpenPorts). The CIS and Security Best Practices packages need
// configuration data the model does not have: they yield the exclusion
// "Rules package not supported by OS" for each instance. busy names the
// instances that take part in other runs in progress, for previews (nil
// for runs). It runs without the lock.
func (s *Service) evaluate(region string, t templateSnapshot, insts []Instance, busy map[string]bool) *draft {
	d := &draft{agents: make([]runAgent, len(insts))}
	if len(insts) == 0 {
		d.exclusions = append(d.exclusions, ExclusionPreview{
			Title:          "No instances in target",
			Description:    "There are no EC2 instances with the tags specified in the assessment target.",
			Recommendation: "Check that the tags in your assessment target match the tags of your target EC2 instance.",
			Scopes:         packageScopes(t.packages),
		})
		return d
	}
	scanner := inspector.Scanner{DB: s.db}
	var found, evaluated [4]bool
	for i := range insts {
		in := &insts[i]
		health := in.health()
		d.agents[i] = runAgent{id: in.InstanceID, asg: in.AutoScalingGroup, health: health, packages: len(in.Packages)}
		if busy[in.InstanceID] {
			d.exclusions = append(d.exclusions, exclusionFor(exAgentRunning, in.InstanceID, nil))
		}
		asset := assetOf(in)
		var agentless, unsupported []string
		for j, k := range t.kinds {
			pkg := t.packages[j]
			if k.needsAgent() && health != AgentHealthHealthy {
				agentless = append(agentless, pkg)
				d.errors = true
				continue
			}
			switch k {
			case CVE:
				ec2 := in.EC2Instance
				ec2.Unmanaged = false
				res := scanner.ScanEC2(&ec2)
				if res.Status == inspector.ScanStatusReasonUnsupportedOs {
					d.exclusions = append(d.exclusions, exclusionFor(exUnsupportedOS, in.InstanceID, []string{pkg}))
					continue
				}
				evaluated[k] = true
				for _, v := range res.Vulnerabilities {
					d.findings = append(d.findings, draftFinding{kind: k, agentID: in.InstanceID, asg: in.AutoScalingGroup,
						rec: cveFinding(in, &v, asset)})
					found[k] = true
				}
			case NetworkReachability:
				evaluated[k] = true
				for _, f := range reachabilityFindings(in, health, asset) {
					d.findings = append(d.findings, draftFinding{kind: k, agentID: in.InstanceID, asg: in.AutoScalingGroup, rec: f})
					found[k] = true
				}
			default:
				unsupported = append(unsupported, pkg)
			}
		}
		if len(agentless) > 0 {
			kind := exAgentNotFound
			if health == AgentHealthUnhealthy {
				kind = exAgentUnhealthy
			}
			d.exclusions = append(d.exclusions, exclusionFor(kind, in.InstanceID, agentless))
		}
		if len(unsupported) > 0 {
			d.exclusions = append(d.exclusions, exclusionFor(exPackageUnsupported, in.InstanceID, unsupported))
		}
	}
	for _, k := range []RulesPackageKind{CVE, NetworkReachability} {
		if evaluated[k] && !found[k] {
			d.findings = append(d.findings, draftFinding{kind: k, rec: noIssuesFinding()})
		}
	}
	return d
}

// Findings.

const schemaVersion = 1

func numericSeverity(s Severity) float64 {
	switch s {
	case SeverityHigh:
		return 9
	case SeverityMedium:
		return 6
	case SeverityLow:
		return 3
	}
	return 0
}

func baseFinding(id, title, description, recommendation string, sev Severity, asset *AssetAttributes, attrs []Attribute) Finding {
	f := Finding{
		SchemaVersion: schemaVersion, Service: "Inspector", ID: id, Title: title,
		Description: truncate(description, 20000), Recommendation: truncate(recommendation, 20000),
		Severity: sev, NumericSeverity: numericSeverity(sev), Confidence: 10,
		Attributes: attrs, UserAttributes: []Attribute{}, AssetAttributes: asset,
	}
	if asset != nil {
		f.AssetType = AssetTypeEc2Instance
	}
	if f.Attributes == nil {
		f.Attributes = []Attribute{}
	}
	return f
}

// noIssuesFinding is the finding of a rules package that found nothing.
func noIssuesFinding() Finding {
	f := baseFinding("", "No potential security issues found",
		"Amazon Inspector did not find any potential security issues during this assessment.",
		"No remediation needed.", SeverityInformational, &AssetAttributes{SchemaVersion: schemaVersion, Ipv4Addresses: []string{}}, nil)
	f.AssetType = AssetTypeEc2Instance
	return f
}

// assetOf describes an instance for its findings.
func assetOf(in *Instance) *AssetAttributes {
	a := &AssetAttributes{
		SchemaVersion: schemaVersion, AgentID: in.InstanceID, AutoScalingGroup: in.AutoScalingGroup,
		AmiID: in.ImageID, Hostname: in.Hostname, Ipv4Addresses: slices.Clone(in.IPV4Addresses),
	}
	if a.Ipv4Addresses == nil {
		a.Ipv4Addresses = []string{}
	}
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		a.Tags = append(a.Tags, Tag{Key: k, Value: in.Tags[k]})
	}
	if in.NetworkInterfaceID != "" || in.SubnetID != "" || in.VpcID != "" || len(in.SecurityGroups) > 0 {
		ni := NetworkInterface{NetworkInterfaceID: in.NetworkInterfaceID, SubnetID: in.SubnetID, VpcID: in.VpcID}
		if len(in.IPV6Addresses) > 0 { // never an empty list: a snapshot (omitempty) would not keep it
			ni.Ipv6Addresses = slices.Clone(in.IPV6Addresses)
		}
		if len(in.IPV4Addresses) > 0 {
			ni.PrivateIPAddress = in.IPV4Addresses[0]
			for _, ip := range in.IPV4Addresses {
				ni.PrivateIPAddresses = append(ni.PrivateIPAddresses, PrivateIP{PrivateIPAddress: ip})
			}
		}
		for _, sg := range in.SecurityGroups {
			ni.SecurityGroups = append(ni.SecurityGroups, SecurityGroup{GroupID: sg.ID})
		}
		a.NetworkInterfaces = []NetworkInterface{ni}
	}
	return a
}

// cveID is the CVE an advisory is about: its id or its first CVE alias.
func cveID(a *advisory.Advisory) string {
	if strings.HasPrefix(a.ID, "CVE-") {
		return a.ID
	}
	for _, al := range a.Aliases {
		if strings.HasPrefix(al, "CVE-") {
			return al
		}
	}
	return a.ID
}

// cveSeverity is Inspector Classic's severity of a vulnerability: from the
// CVSS v3 base score (High from 7.0, Medium from 4.0, Low above 0,
// Informational at 0), else from the vendor's rating, else Undefined.
func cveSeverity(a *advisory.Advisory) Severity {
	if score, _, ok := a.CVSS3(); ok {
		switch {
		case score >= 7:
			return SeverityHigh
		case score >= 4:
			return SeverityMedium
		case score > 0:
			return SeverityLow
		}
		return SeverityInformational
	}
	switch strings.ToUpper(a.VendorSeverity()) {
	case "CRITICAL", "HIGH", "IMPORTANT":
		return SeverityHigh
	case "MEDIUM", "MODERATE":
		return SeverityMedium
	case "LOW", "NEGLIGIBLE", "UNIMPORTANT":
		return SeverityLow
	}
	return SeverityUndefined
}

func packageLabel(p *inspector.Package) string {
	s := p.Name + "-"
	if p.Epoch > 0 {
		s += strconv.Itoa(p.Epoch) + ":"
	}
	s += p.Version
	if p.Release != "" {
		s += "-" + p.Release
	}
	return s
}

// cveFinding is the CVE rules package's finding of one vulnerability on
// one instance.
func cveFinding(in *Instance, v *inspector.VulnerabilityMatch, asset *AssetAttributes) Finding {
	id := cveID(v.Advisory)
	sev := cveSeverity(v.Advisory)
	var labels, fixes []string
	for _, pm := range v.Packages {
		labels = append(labels, packageLabel(pm.Package))
		if pm.FixedIn != "" && !slices.Contains(fixes, pm.FixedIn) {
			fixes = append(fixes, pm.FixedIn)
		}
	}
	pkgs := strings.Join(labels, ", ")
	desc := cmp.Or(v.Advisory.Details, v.Advisory.Summary, id)
	rec := "Use your Operating System's update feature to update package " + pkgs
	if len(fixes) > 0 {
		rec += " to version " + strings.Join(fixes, ", ") + " or later"
	}
	rec += ". For more information see https://cve.mitre.org/cgi-bin/cvename.cgi?name=" + id
	attrs := []Attribute{
		{Key: "INSTANCE_ID", Value: in.InstanceID},
		{Key: "CVE_ID", Value: id},
		{Key: "PACKAGE_NAME", Value: truncate(pkgs, 256)},
	}
	if len(fixes) > 0 {
		attrs = append(attrs, Attribute{Key: "FIXED_IN", Value: truncate(strings.Join(fixes, ", "), 256)})
	}
	if score, vector, ok := v.Advisory.CVSS3(); ok {
		attrs = append(attrs,
			Attribute{Key: "CVSS3_SCORE", Value: strconv.FormatFloat(score, 'f', 1, 64)},
			Attribute{Key: "CVSS3_VECTOR", Value: truncate(vector, 256)})
	}
	return baseFinding(id, "Instance "+in.InstanceID+" is vulnerable to "+id, desc, rec, sev, asset, attrs)
}

// Network Reachability.

// recognizedPorts are the well-known services of the Network Reachability
// rules package, by protocol and port; recognizedList their ports, sorted.
var recognizedPorts = func() map[inspector.NetworkProtocol]map[int]string {
	tcp, udp := map[int]string{}, map[int]string{}
	add := func(m map[int]string, name string, ports ...int) {
		for _, p := range ports {
			if _, ok := m[p]; !ok {
				m[p] = name
			}
		}
	}
	for _, e := range []struct {
		name     string
		tcp, udp []int
	}{
		{"SMB", []int{445}, []int{445}},
		{"NetBIOS", []int{137, 139}, []int{137, 138}},
		{"LDAP", []int{389}, []int{389}},
		{"LDAP over TLS", []int{636}, nil},
		{"Global catalog LDAP", []int{3268}, nil},
		{"Global catalog LDAP over TLS", []int{3269}, nil},
		{"NFS", []int{111, 2049, 4045, 1110}, []int{111, 2049, 4045, 1110}},
		{"Kerberos", []int{88, 464, 543, 544, 749, 751}, []int{88, 464, 749, 750, 751, 752}},
		{"RPC", []int{111, 135, 530}, []int{111, 135, 530}},
		{"WINS", []int{1512, 42}, []int{1512, 42}},
		{"DHCP", []int{67, 68, 546, 547}, []int{67, 68, 546, 547}},
		{"Syslog", []int{601}, []int{514}},
		{"Print services", []int{515}, nil},
		{"Telnet", []int{23}, []int{23}},
		{"FTP", []int{21}, []int{21}},
		{"SSH", []int{22}, []int{22}},
		{"RDP", []int{3389}, []int{3389}},
		{"MongoDB", []int{27017, 27018, 27019, 28017}, nil},
		{"SQL Server", []int{1433}, []int{1434}},
		{"MySQL", []int{3306}, nil},
		{"PostgreSQL", []int{5432}, nil},
		{"Oracle", []int{1521, 1630}, nil},
		{"Elasticsearch", []int{9300, 9200}, nil},
		{"HTTP", []int{80}, []int{80}},
		{"HTTPS", []int{443}, []int{443}},
	} {
		add(tcp, e.name, e.tcp...)
		add(udp, e.name, e.udp...)
	}
	return map[inspector.NetworkProtocol]map[int]string{inspector.NetworkProtocolTcp: tcp, inspector.NetworkProtocolUdp: udp}
}()

var recognizedList = map[inspector.NetworkProtocol][]int{
	inspector.NetworkProtocolTcp: slices.Sorted(maps.Keys(recognizedPorts[inspector.NetworkProtocolTcp])),
	inspector.NetworkProtocolUdp: slices.Sorted(maps.Keys(recognizedPorts[inspector.NetworkProtocolUdp])),
}

// reachabilityFindings are the Network Reachability findings of one
// instance: one per recognized port reachable from the internet
// (RecognizedPortWithListener, RecognizedPortNoListener, or
// RecognizedPortNoAgent when no healthy agent can tell), one per other
// reachable port a process listens on (UnrecognizedPortWithListener), and
// one NetworkExposure summary of the reachable ranges.
func reachabilityFindings(in *Instance, health AgentHealth, asset *AssetAttributes) []Finding {
	open := inspector.OpenPorts(&in.EC2Instance)
	if len(open) == 0 {
		return nil
	}
	listening := map[inspector.NetworkProtocol]map[int]string{}
	if health == AgentHealthHealthy {
		for _, l := range in.ListeningPorts {
			if listening[l.Protocol] == nil {
				listening[l.Protocol] = map[int]string{}
			}
			listening[l.Protocol][l.Port] = l.Process
		}
	}
	var out []Finding
	var ranges = map[inspector.NetworkProtocol][]string{}
	for _, r := range open {
		if r.Begin == r.End {
			ranges[r.Protocol] = append(ranges[r.Protocol], strconv.Itoa(r.Begin))
		} else {
			ranges[r.Protocol] = append(ranges[r.Protocol], strconv.Itoa(r.Begin)+"-"+strconv.Itoa(r.End))
		}
		known := recognizedPorts[r.Protocol]
		for _, port := range recognizedList[r.Protocol] {
			if port < r.Begin || port > r.End {
				continue
			}
			out = append(out, portFinding(in, health, r, port, known[port], listening, asset))
		}
		for _, port := range slices.Sorted(maps.Keys(listening[r.Protocol])) {
			if port < r.Begin || port > r.End {
				continue
			}
			if _, ok := known[port]; ok {
				continue
			}
			out = append(out, portFinding(in, health, r, port, "", listening, asset))
		}
	}
	var parts []string
	for _, p := range []inspector.NetworkProtocol{inspector.NetworkProtocolTcp, inspector.NetworkProtocolUdp} {
		if len(ranges[p]) > 0 {
			parts = append(parts, string(p)+" ports "+strings.Join(ranges[p], ", "))
		}
	}
	summary := strings.Join(parts, "; ")
	attrs := []Attribute{{Key: "INSTANCE_ID", Value: in.InstanceID}, {Key: "REACHABILITY_TYPE", Value: "Internet"}}
	for _, p := range []inspector.NetworkProtocol{inspector.NetworkProtocolTcp, inspector.NetworkProtocolUdp} {
		if len(ranges[p]) > 0 {
			attrs = append(attrs, Attribute{Key: string(p) + "_PORTS", Value: truncate(strings.Join(ranges[p], ", "), 256)})
		}
	}
	out = append(out, baseFinding("NetworkExposure", "On instance "+in.InstanceID+", ports are reachable from the internet",
		"On instance "+in.InstanceID+", "+summary+" are reachable from the internet through an internet gateway.",
		"Review the security groups of the instance and allow access from the internet only on the ports your application needs.",
		SeverityInformational, asset, attrs))
	return out
}

func portFinding(in *Instance, health AgentHealth, r inspector.OpenPortRange, port int, service string,
	listening map[inspector.NetworkProtocol]map[int]string, asset *AssetAttributes) Finding {
	proto := string(r.Protocol)
	process, listened := listening[r.Protocol][port]
	var rule, listener string
	sev := SeverityMedium
	switch {
	case service == "":
		rule, sev = "UnrecognizedPortWithListener", SeverityLow
		listener = " The process " + cmp.Or(process, "(unknown)") + " is listening on the port."
	case health != AgentHealthHealthy:
		rule = "RecognizedPortNoAgent"
		listener = " Without an Amazon Inspector agent on the instance, whether a process listens on the port cannot be determined."
	case listened:
		rule = "RecognizedPortWithListener"
		listener = " The process " + cmp.Or(process, "(unknown)") + " is listening on the port."
	default:
		rule = "RecognizedPortNoListener"
		listener = " No process is listening on the port."
	}
	if service == "HTTP" || service == "HTTPS" {
		sev = SeverityLow
	}
	what := proto + " port " + strconv.Itoa(port)
	if service != "" {
		what += ", which is associated with '" + service + "',"
	}
	igw := cmp.Or(in.InternetGatewayID, "of its VPC")
	attrs := []Attribute{
		{Key: "INSTANCE_ID", Value: in.InstanceID},
		{Key: "PROTOCOL", Value: proto},
		{Key: "PORT", Value: strconv.Itoa(port)},
		{Key: "SECURITY_GROUP", Value: r.SecurityGroupID},
		{Key: "REACHABILITY_TYPE", Value: "Internet"},
	}
	if service != "" {
		attrs = append(attrs, Attribute{Key: "SERVICE", Value: service})
	}
	if in.InternetGatewayID != "" {
		attrs = append(attrs, Attribute{Key: "IGW", Value: in.InternetGatewayID})
	}
	return baseFinding(rule,
		"On instance "+in.InstanceID+", "+what+" is reachable from the internet",
		"On instance "+in.InstanceID+", "+what+" is reachable from the internet through the internet gateway "+igw+
			" and the security group "+r.SecurityGroupID+"."+listener,
		fmt.Sprintf("You can edit the security group %s to remove access from the internet on port %d.", r.SecurityGroupID, port),
		sev, asset, attrs)
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// Exclusions.

type exclusionKind int

const (
	exAgentRunning exclusionKind = iota
	exAgentNotFound
	exAgentUnhealthy
	exUnsupportedOS
	exPackageUnsupported
)

// exclusionText is the title, description and recommendation of each
// exclusion type, as the user guide lists them.
var exclusionText = [...][3]string{
	exAgentRunning: {"Agent is already running",
		"An assessment run is already in progress on the target EC2 instance.",
		"Wait until the current assessment run on the target EC2 instance has completed."},
	exAgentNotFound: {"Agent not found",
		"An Amazon Inspector Classic agent was not found on the target EC2 instance.",
		"Install or reinstall an Amazon Inspector Classic agent on the target EC2 instance."},
	exAgentUnhealthy: {"Agent is unhealthy",
		"The Amazon Inspector Classic agent on the target EC2 instance is in an unhealthy state.",
		"Check the status of the Amazon Inspector Classic agent on this instance and take necessary action."},
	exUnsupportedOS: {"Unsupported OS version",
		"The operating system of the target EC2 instance is not supported for Amazon Inspector Classic assessments.",
		"Remove the target EC2 instance from the assessment target, or create a target that doesn't include this instance."},
	exPackageUnsupported: {"Rules package not supported by OS",
		"The operating system of the target EC2 instance is not supported by a rules package included in the assessment template.",
		"Create an assessment template without the conflicting rules packages or remove the target EC2 instance from the assessment template."},
}

func exclusionFor(k exclusionKind, instanceID string, packages []string) ExclusionPreview {
	t := exclusionText[k]
	scopes := []Scope{{Key: ScopeTypeInstanceId, Value: instanceID}}
	scopes = append(scopes, packageScopes(packages)...)
	return ExclusionPreview{Title: t[0], Description: t[1], Recommendation: t[2], Scopes: scopes}
}

func packageScopes(packages []string) []Scope {
	var out []Scope
	for _, p := range packages {
		out = append(out, Scope{Key: ScopeTypeRulesPackageArn, Value: p})
	}
	return out
}
