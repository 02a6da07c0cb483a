package wire_test

import (
	"encoding/json"
	"strings"
	"time"
)

// Output types as a service package would declare them: json tags named as
// the wire names members, omitempty/omitzero, pointers for optional values,
// named string enums, time.Time, an embedded struct and a type with its own
// MarshalJSON.

type Severity string

type findingRemediation struct {
	Recommendation *struct {
		Text string `json:"text,omitempty"`
		URL  string `json:"Url,omitempty"`
	} `json:"recommendation,omitempty"`
}

type ec2Details struct {
	Type          string    `json:"type,omitempty"`
	ImageID       string    `json:"imageId,omitempty"`
	IPV4Addresses []string  `json:"ipV4Addresses,omitempty"`
	LaunchedAt    time.Time `json:"launchedAt,omitzero"`
	Platform      string    `json:"platform,omitempty"`
}

type resource struct {
	Type      string            `json:"type"`
	ID        string            `json:"id"`
	Partition string            `json:"partition,omitempty"`
	Region    string            `json:"region,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
	Details   *struct {
		AwsEc2Instance *ec2Details `json:"awsEc2Instance,omitempty"`
	} `json:"details,omitempty"`
}

type vulnerablePackage struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Epoch          int32  `json:"epoch,omitempty"`
	Release        string `json:"release,omitempty"`
	Arch           string `json:"arch,omitempty"`
	PackageManager string `json:"packageManager,omitempty"`
	FixedInVersion string `json:"fixedInVersion,omitempty"`
}

type cvss struct {
	BaseScore     float64 `json:"baseScore"`
	ScoringVector string  `json:"scoringVector"`
	Version       string  `json:"version"`
	Source        string  `json:"source"`
}

// upperString marshals itself: the encoder must see what json.Marshal sees.
type upperString string

func (u upperString) MarshalJSON() ([]byte, error) {
	return json.Marshal(strings.ToUpper(string(u)))
}

type findingTimes struct {
	FirstObservedAt time.Time  `json:"firstObservedAt"`
	LastObservedAt  time.Time  `json:"lastObservedAt"`
	UpdatedAt       *time.Time `json:"updatedAt,omitempty"`
}

type finding struct {
	FindingArn   string             `json:"findingArn"`
	AwsAccountID string             `json:"awsAccountId"`
	Type         string             `json:"type"`
	Description  string             `json:"description"`
	Title        string             `json:"title,omitempty"`
	Remediation  findingRemediation `json:"remediation"`
	Severity     Severity           `json:"severity"`
	findingTimes
	Status                      string      `json:"status"`
	Resources                   []resource  `json:"resources"`
	InspectorScore              *float64    `json:"inspectorScore,omitempty"`
	FixAvailable                upperString `json:"fixAvailable,omitempty"`
	ExploitAvailable            string      `json:"exploitAvailable,omitempty"`
	PackageVulnerabilityDetails *struct {
		VulnerabilityID    string              `json:"vulnerabilityId"`
		VulnerablePackages []vulnerablePackage `json:"vulnerablePackages,omitempty"`
		Source             string              `json:"source"`
		Cvss               []cvss              `json:"cvss,omitempty"`
		ReferenceUrls      []string            `json:"referenceUrls,omitempty"`
	} `json:"packageVulnerabilityDetails,omitempty"`
	Epss *struct {
		Score float64 `json:"score"`
	} `json:"epss,omitempty"`
	internalNote string // unexported fields are never written
}

type listFindingsOutput struct {
	NextToken string    `json:"nextToken,omitempty"`
	Findings  []finding `json:"findings"`
}

func sampleFinding(i int) finding {
	score := 9.8
	updated := time.Date(2026, 11, 23, 12, 30, 0, 500_000_000, time.UTC)
	f := finding{
		FindingArn:   "arn:aws:inspector2:us-east-1:444455556666:finding/" + strings.Repeat("0", 31) + string(rune('a'+i%26)),
		AwsAccountID: "444455556666",
		Type:         "PACKAGE_VULNERABILITY",
		Description:  "A flaw in \"openssl\" allows\nremote attackers\tto crash it.",
		Title:        "CVE-2026-0001 - openssl",
		Severity:     "CRITICAL",
		findingTimes: findingTimes{
			FirstObservedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
			LastObservedAt:  updated,
			UpdatedAt:       &updated,
		},
		Status: "ACTIVE",
		Resources: []resource{{
			Type: "AWS_EC2_INSTANCE", ID: "i-0123456789abcdef0", Partition: "aws", Region: "us-east-1",
			Tags: map[string]string{"env": "prod", "Name": "web-1"},
		}},
		InspectorScore:   &score,
		FixAvailable:     "yes",
		ExploitAvailable: "NO",
		internalNote:     "not on the wire",
	}
	f.Remediation.Recommendation = &struct {
		Text string `json:"text,omitempty"`
		URL  string `json:"Url,omitempty"`
	}{"Upgrade openssl.", "https://example.com/advisory"}
	f.Resources[0].Details = &struct {
		AwsEc2Instance *ec2Details `json:"awsEc2Instance,omitempty"`
	}{&ec2Details{Type: "t3.micro", ImageID: "ami-0123456789abcdef0", IPV4Addresses: []string{"10.0.0.12"},
		LaunchedAt: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC), Platform: "AMAZON_LINUX_2"}}
	f.PackageVulnerabilityDetails = &struct {
		VulnerabilityID    string              `json:"vulnerabilityId"`
		VulnerablePackages []vulnerablePackage `json:"vulnerablePackages,omitempty"`
		Source             string              `json:"source"`
		Cvss               []cvss              `json:"cvss,omitempty"`
		ReferenceUrls      []string            `json:"referenceUrls,omitempty"`
	}{
		VulnerabilityID:    "CVE-2026-0001",
		VulnerablePackages: []vulnerablePackage{{Name: "openssl", Version: "1.0.2k", Epoch: 1, Release: "24.amzn2", Arch: "X86_64", PackageManager: "OS", FixedInVersion: "1.0.2k-25"}},
		Source:             "NVD",
		Cvss:               []cvss{{9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", "NVD"}},
		ReferenceUrls:      []string{"https://example.com/a"},
	}
	f.Epss = &struct {
		Score float64 `json:"score"`
	}{0.00042}
	return f
}
