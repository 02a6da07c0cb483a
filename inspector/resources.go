package inspector

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// The resources Inspector scans are registered by the embedding program
// (there is no EC2, ECR or Lambda in this model): PutEC2Instance,
// PutECRImage and PutLambdaFunction add or replace one, RemoveResource
// removes it. Values are copied when registered; changing them afterwards
// has no effect until they are put again.

// Package is one installed software package.
type Package struct {
	Name    string
	Version string
	// Epoch and Release complete OS package versions
	// ([epoch:]version-release); Release is empty for language packages.
	Epoch   int
	Release string
	Arch    string
	// PackageManager is OS for operating-system packages (the default) or
	// the language package manager (NPM, PIP, JAR, GOMOD, CARGO, ...).
	PackageManager PackageManager
	// FilePath is where a language package was found (requirements.txt,
	// a jar path), if known.
	FilePath string
	// Ecosystem overrides the advisory ecosystem derived from the package
	// manager and the platform ("Debian:12", "PyPI", ...).
	Ecosystem advisory.Ecosystem
}

// IngressRule is one inbound rule of a security group.
type IngressRule struct {
	// Protocol is "tcp", "udp", "icmp", "icmpv6" or "-1" (all traffic), as
	// EC2 writes it (protocol numbers "6" and "17" are accepted too).
	Protocol string
	// FromPort and ToPort bound the port range; ignored for "-1".
	FromPort, ToPort int
	// CIDRs are IPv4 and IPv6 source ranges ("0.0.0.0/0", "::/0",
	// "10.0.0.0/8").
	CIDRs []string
}

// SecurityGroup is a security group attached to an instance.
type SecurityGroup struct {
	ID      string
	Ingress []IngressRule
}

// EC2Instance is an EC2 instance as Inspector sees it through SSM
// inventory and the VPC configuration.
type EC2Instance struct {
	InstanceID   string // i-...
	ImageID      string // ami-...
	InstanceType string
	// Platform is the operating system as Inspector names it:
	// AMAZON_LINUX_2, AMAZON_LINUX_2023, UBUNTU_22_04, DEBIAN_12,
	// ALPINE_3_19, RHEL_8, ROCKY_LINUX_9, ALMA_LINUX_9, WINDOWS_SERVER_2022,
	// MACOS_14, ... Packages of an unsupported platform are not scanned
	// (scan status UNSUPPORTED_OS).
	Platform string
	Tags     map[string]string
	// Unmanaged marks an instance without the SSM agent: no package
	// inventory (scan status UNMANAGED_EC2_INSTANCE), network scans only.
	Unmanaged bool
	Packages  []Package

	VpcID, SubnetID       string
	IPV4Addresses         []string
	IPV6Addresses         []string
	KeyName               string
	IamInstanceProfileArn string
	LaunchedAt            time.Time
	SecurityGroups        []SecurityGroup
	// SubnetRoutesToInternet says whether the subnet's route table has a
	// route to an internet gateway. Only then can an open security group
	// rule make a port reachable from the internet.
	SubnetRoutesToInternet bool
	// InternetGatewayID, NetworkACLID and NetworkInterfaceID name the
	// components of the network path in findings, when known.
	InternetGatewayID  string
	NetworkACLID       string
	NetworkInterfaceID string
}

// Layer is one layer of a container image.
type Layer struct {
	Digest   string // sha256:...
	Packages []Package
}

// ECRImage is a container image in an ECR repository.
type ECRImage struct {
	Registry       string // the registry's account id
	RepositoryName string
	Tags           []string
	Digest         string // sha256:<64 hex>
	PushedAt       time.Time
	Architecture   string // amd64, arm64
	// Platform is the image's base operating system, named as for
	// EC2Instance.Platform; "" when the image has no OS packages.
	Platform    string
	Author      string
	Layers      []Layer
	LastInUseAt time.Time
	InUseCount  int64
}

// LambdaLayer is a Lambda layer attached to a function.
type LambdaLayer struct {
	Arn      string // arn:aws:lambda:<region>:<account>:layer:<name>:<version>
	Packages []Package
}

// LambdaFunction is a Lambda function and what its deployment package and
// layers contain.
type LambdaFunction struct {
	FunctionName     string
	Runtime          Runtime // PYTHON_3_11, NODEJS_18_X, JAVA_17, GO_1_X, ...
	Tags             map[string]string
	Packages         []Package
	Layers           []LambdaLayer
	LastModifiedAt   time.Time
	ExecutionRoleArn string
	CodeSha256       string
	Version          string // "$LATEST" when empty
	PackageType      PackageType
	Architecture     Architecture
}

// validate checks what a resource needs to be identified and scanned.
func (i *EC2Instance) validate() error {
	if !strings.HasPrefix(i.InstanceID, "i-") || len(i.InstanceID) < 3 {
		return fmt.Errorf("inspector: invalid EC2 instance id %q", i.InstanceID)
	}
	for _, sg := range i.SecurityGroups {
		for _, r := range sg.Ingress {
			if _, ok := parseProtocol(r.Protocol); !ok {
				return fmt.Errorf("inspector: security group %s: unknown protocol %q", sg.ID, r.Protocol)
			}
			if r.Protocol != "-1" && !isICMP(r.Protocol) && (r.FromPort < 0 || r.ToPort > 65535 || r.FromPort > r.ToPort) {
				return fmt.Errorf("inspector: security group %s: invalid port range %d-%d", sg.ID, r.FromPort, r.ToPort)
			}
			for _, c := range r.CIDRs {
				if _, err := netip.ParsePrefix(c); err != nil {
					return fmt.Errorf("inspector: security group %s: invalid CIDR %q", sg.ID, c)
				}
			}
		}
	}
	return validatePackages(i.Packages)
}

func (img *ECRImage) validate() error {
	if img.RepositoryName == "" {
		return fmt.Errorf("inspector: ECR image without a repository name")
	}
	if !isImageDigest(img.Digest) {
		return fmt.Errorf("inspector: invalid image digest %q (want sha256:<64 hex>)", img.Digest)
	}
	for _, l := range img.Layers {
		if err := validatePackages(l.Packages); err != nil {
			return err
		}
	}
	return nil
}

func (fn *LambdaFunction) validate() error {
	if fn.FunctionName == "" || strings.ContainsAny(fn.FunctionName, ": /") {
		return fmt.Errorf("inspector: invalid Lambda function name %q", fn.FunctionName)
	}
	for _, l := range fn.Layers {
		if err := validatePackages(l.Packages); err != nil {
			return err
		}
	}
	return validatePackages(fn.Packages)
}

func validatePackages(ps []Package) error {
	for _, p := range ps {
		if p.Name == "" || p.Version == "" {
			return fmt.Errorf("inspector: package %q needs a name and a version", p.Name+" "+p.Version)
		}
		if p.Epoch < 0 {
			return fmt.Errorf("inspector: package %s: negative epoch", p.Name)
		}
	}
	return nil
}

func isImageDigest(s string) bool {
	if len(s) != 71 || !strings.HasPrefix(s, "sha256:") {
		return false
	}
	for i := 7; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

func isICMP(p string) bool { return p == "icmp" || p == "icmpv6" || p == "1" || p == "58" }

// parseProtocol maps an EC2 protocol to the protocols it opens: TCP, UDP,
// both ("-1") or none (ICMP).
func parseProtocol(p string) (protos []NetworkProtocol, ok bool) {
	switch strings.ToLower(p) {
	case "tcp", "6":
		return []NetworkProtocol{NetworkProtocolTcp}, true
	case "udp", "17":
		return []NetworkProtocol{NetworkProtocolUdp}, true
	case "-1", "all":
		return []NetworkProtocol{NetworkProtocolTcp, NetworkProtocolUdp}, true
	case "icmp", "icmpv6", "1", "58":
		return nil, true
	}
	return nil, false
}

// osEcosystem maps an Inspector platform name to the advisory ecosystem of
// its OS packages, and whether Inspector supports it.
func osEcosystem(platform string) (advisory.Ecosystem, bool) {
	p := strings.ToUpper(platform)
	ver := func(prefix string) (string, bool) {
		if !strings.HasPrefix(p, prefix) {
			return "", false
		}
		return strings.ReplaceAll(p[len(prefix):], "_", "."), true
	}
	if v, ok := ver("AMAZON_LINUX_"); ok && v != "" {
		return advisory.Ecosystem("Amazon Linux:" + v), true
	}
	if v, ok := ver("UBUNTU_"); ok && v != "" {
		e := "Ubuntu:" + v
		// Ubuntu's LTS releases are the even years' April releases.
		if len(v) == 5 && v[3:] == "04" && (v[1]-'0')%2 == 0 {
			e += ":LTS"
		}
		return advisory.Ecosystem(e), true
	}
	if v, ok := ver("DEBIAN_"); ok && v != "" {
		return advisory.Ecosystem("Debian:" + v), true
	}
	if v, ok := ver("ALPINE_"); ok && v != "" {
		return advisory.Ecosystem("Alpine:v" + v), true
	}
	if v, ok := ver("RHEL_"); ok && v != "" {
		major := strings.SplitN(v, ".", 2)[0]
		if major == "7" {
			return "Red Hat:enterprise_linux:7::server", true
		}
		return advisory.Ecosystem("Red Hat:enterprise_linux:" + major + "::baseos"), true
	}
	if v, ok := ver("ROCKY_LINUX_"); ok && v != "" {
		return advisory.Ecosystem("Rocky Linux:" + strings.SplitN(v, ".", 2)[0]), true
	}
	if v, ok := ver("ALMA_LINUX_"); ok && v != "" {
		return advisory.Ecosystem("AlmaLinux:" + strings.SplitN(v, ".", 2)[0]), true
	}
	return "", false
}

// ec2Platform is the coarse platform of coverage metadata.
func ec2Platform(platform string) Ec2Platform {
	p := strings.ToUpper(platform)
	switch {
	case p == "":
		return Ec2PlatformUnknown
	case strings.HasPrefix(p, "WINDOWS"):
		return Ec2PlatformWindows
	case strings.HasPrefix(p, "MACOS"):
		return Ec2PlatformMacos
	}
	return Ec2PlatformLinux
}

// languageEcosystem maps a language package manager to its advisory
// ecosystem; ok is false for managers whose ecosystem the advisory
// database does not know (their packages are inventoried, never matched).
func languageEcosystem(pm PackageManager) (advisory.Ecosystem, bool) {
	switch pm {
	case PackageManagerNpm, PackageManagerYarn, PackageManagerNodepkg:
		return advisory.NPM, true
	case PackageManagerPip, PackageManagerPipenv, PackageManagerPoetry, PackageManagerPythonpkg:
		return advisory.PyPI, true
	case PackageManagerJar, PackageManagerPom:
		return advisory.Maven, true
	case PackageManagerGobinary, PackageManagerGomod:
		return advisory.Go, true
	case PackageManagerCargo:
		return advisory.CratesIO, true
	}
	return "", false
}

// runtimeSupported reports whether Inspector scans functions of a runtime.
func runtimeSupported(r Runtime) bool {
	switch r {
	case "", RuntimeUnsupported:
		return false
	}
	for _, v := range r.Values() {
		if v == r {
			return true
		}
	}
	return false
}
