package classic

import (
	"maps"
	"slices"
	"strings"
)

// RulesPackageKind tells the four rules packages of Inspector Classic
// apart; their ARNs differ per region.
type RulesPackageKind int

// The rules packages.
const (
	// CVE is "Common Vulnerabilities and Exposures": the packages of an
	// instance (its agent reports them) against the advisory database.
	CVE RulesPackageKind = iota
	// CIS is "CIS Operating System Security Configuration Benchmarks".
	CIS
	// NetworkReachability is "Network Reachability": the ports the
	// instance's security groups open to the internet. It needs no agent.
	NetworkReachability
	// SecurityBestPractices is "Security Best Practices".
	SecurityBestPractices
)

// rulesPackageInfo is what DescribeRulesPackages returns for each kind.
var rulesPackageInfo = [...]struct{ name, description string }{
	CVE: {"Common Vulnerabilities and Exposures",
		"The rules in this package help verify whether the EC2 instances in your application are exposed to " +
			"Common Vulnerabilities and Exposures (CVEs). Attacks can exploit unpatched vulnerabilities to " +
			"compromise the confidentiality, integrity, or availability of your service or data. The CVE system " +
			"provides a reference method for publicly known information security vulnerabilities and exposures. " +
			"For more information, go to https://cve.mitre.org/"},
	CIS: {"CIS Operating System Security Configuration Benchmarks",
		"The CIS Security Benchmarks program provides well-defined, unbiased and consensus-based industry best " +
			"practices to help organizations assess and improve their security. Amazon Web Services is a CIS " +
			"Security Benchmarks Member company and the list of Amazon Inspector certifications can be viewed here."},
	NetworkReachability: {"Network Reachability",
		"The rules in this package help you analyze the network accessibility of your EC2 instances. They " +
			"find the ports that are reachable from outside your VPC through internet gateways, VPC peering " +
			"connections or virtual private gateways, and the network configuration that allows the access."},
	SecurityBestPractices: {"Security Best Practices",
		"The rules in this package help determine whether your systems are configured securely."},
}

const (
	rulesPackageVersion  = "1.1"
	rulesPackageProvider = "Amazon Web Services, Inc."
)

// String returns the rules package's name.
func (k RulesPackageKind) String() string {
	if k < 0 || int(k) >= len(rulesPackageInfo) {
		return "RulesPackageKind(?)"
	}
	return rulesPackageInfo[k].name
}

// regionRules is the rules packages of one region: the partition, the
// account that owns them and the id of each kind ("" where the region
// does not offer it).
type regionRules struct {
	partition, owner string
	ids              [4]string
}

// rulesByRegion lists the ARNs of the Amazon Inspector Classic rules
// packages in every region that offered the service, as the user guide
// gives them ("Amazon Inspector Classic ARNs for rules packages"). The
// GovCloud regions have no Network Reachability package. The retired
// Runtime Behavior Analysis package is not listed.
var rulesByRegion = map[string]regionRules{
	"us-east-2":      {"aws", "646659390643", [4]string{CVE: "0-JnA8Zp85", CIS: "0-m8r61nnh", NetworkReachability: "0-cE4kTR30", SecurityBestPractices: "0-AxKmMHPX"}},
	"us-east-1":      {"aws", "316112463485", [4]string{CVE: "0-gEjTy7T7", CIS: "0-rExsr2X8", NetworkReachability: "0-PmNV0Tcd", SecurityBestPractices: "0-R01qwB5Q"}},
	"us-west-1":      {"aws", "166987590008", [4]string{CVE: "0-TKgzoVOa", CIS: "0-xUY8iRqX", NetworkReachability: "0-TxmXimXF", SecurityBestPractices: "0-byoQRFYm"}},
	"us-west-2":      {"aws", "758058086616", [4]string{CVE: "0-9hgA516p", CIS: "0-H5hpSawc", NetworkReachability: "0-rD1z6dpl", SecurityBestPractices: "0-JJOtZiqQ"}},
	"ap-south-1":     {"aws", "162588757376", [4]string{CVE: "0-LqnJE9dO", CIS: "0-PSUlX14m", NetworkReachability: "0-YxKfjFu1", SecurityBestPractices: "0-fs0IZZBj"}},
	"ap-northeast-2": {"aws", "526946625049", [4]string{CVE: "0-PoGHMznc", CIS: "0-T9srhg1z", NetworkReachability: "0-s3OmLzhL", SecurityBestPractices: "0-2WRpmi4n"}},
	"ap-southeast-2": {"aws", "454640832652", [4]string{CVE: "0-D5TGAxiR", CIS: "0-Vkd2Vxjq", NetworkReachability: "0-FLcuV4Gz", SecurityBestPractices: "0-asL6HRgN"}},
	"ap-northeast-1": {"aws", "406045910587", [4]string{CVE: "0-gHP9oWNT", CIS: "0-7WNjqgGu", NetworkReachability: "0-YI95DVd7", SecurityBestPractices: "0-bBUQnxMq"}},
	"eu-central-1":   {"aws", "537503971621", [4]string{CVE: "0-wNqHa8M9", CIS: "0-nZrAVuv8", NetworkReachability: "0-6yunpJ91", SecurityBestPractices: "0-ZujVHEPB"}},
	"eu-west-1":      {"aws", "357557129151", [4]string{CVE: "0-ubA5XvBh", CIS: "0-sJBhCr0F", NetworkReachability: "0-SPzU33xe", SecurityBestPractices: "0-SnojL3Z6"}},
	"eu-west-2":      {"aws", "146838936955", [4]string{CVE: "0-kZGCqcE1", CIS: "0-IeCjwf1W", NetworkReachability: "0-AizSYyNq", SecurityBestPractices: "0-XApUiSaP"}},
	"eu-north-1":     {"aws", "453420244670", [4]string{CVE: "0-IgdgIewd", CIS: "0-Yn8jlX7f", NetworkReachability: "0-52Sn74uu", SecurityBestPractices: "0-HfBQSbSf"}},
	"us-gov-east-1":  {"aws-us-gov", "206278770380", [4]string{CVE: "0-3IFKFuOb", CIS: "0-pTLCdIww", SecurityBestPractices: "0-vlgEGcVD"}},
	"us-gov-west-1":  {"aws-us-gov", "850862329162", [4]string{CVE: "0-4oQgcI4G", CIS: "0-Ac4CFOuc", SecurityBestPractices: "0-rOTGqe5G"}},
}

// RulesPackageArn returns the ARN of a rules package in a region, and
// whether the region offers it.
func RulesPackageArn(region string, kind RulesPackageKind) (string, bool) {
	r, ok := rulesByRegion[region]
	if !ok || kind < 0 || int(kind) >= len(r.ids) || r.ids[kind] == "" {
		return "", false
	}
	return "arn:" + r.partition + ":inspector:" + region + ":" + r.owner + ":rulespackage/" + r.ids[kind], true
}

// Regions returns the regions that offered Inspector Classic in a
// partition ("aws", "aws-us-gov"), sorted.
func Regions(partition string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(rulesByRegion)) {
		if rulesByRegion[name].partition == partition {
			out = append(out, name)
		}
	}
	return out
}

// rulesPackagesOf returns the ARNs a region offers, in kind order, with
// their kinds.
func rulesPackagesOf(region string) (arns []string, kinds []RulesPackageKind) {
	for k := CVE; k <= SecurityBestPractices; k++ {
		if a, ok := RulesPackageArn(region, k); ok {
			arns = append(arns, a)
			kinds = append(kinds, k)
		}
	}
	return arns, kinds
}

// rulesPackageKind returns the kind of a rules package ARN in a region.
func rulesPackageKind(region, arn string) (RulesPackageKind, bool) {
	if !strings.Contains(arn, ":rulespackage/") {
		return 0, false
	}
	for k := CVE; k <= SecurityBestPractices; k++ {
		if a, ok := RulesPackageArn(region, k); ok && a == arn {
			return k, true
		}
	}
	return 0, false
}

// needsAgent reports whether a rules package evaluates data an agent
// collects (every package but Network Reachability).
func (k RulesPackageKind) needsAgent() bool { return k != NetworkReachability }
