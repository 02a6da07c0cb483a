package inspector

import (
	"cmp"
	"net/netip"
	"slices"
	"strconv"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// Scanner is the scan engine: it matches the packages of a resource against
// an advisory database and finds the ports an EC2 instance exposes to the
// internet. It holds no state but reusable buffers, so one Scanner must not
// be used by several goroutines at once; the Service uses its own under its
// lock. Inspector Classic's assessment runs reuse it.
type Scanner struct {
	// DB is the advisory database; nil matches nothing.
	DB *advisory.DB

	matches []advisory.Match
	index   map[vulnKey]int
}

// ScanResult is what one scan of one resource found.
type ScanResult struct {
	// Status is SUCCESSFUL, or why packages could not be scanned:
	// UNSUPPORTED_OS, UNMANAGED_EC2_INSTANCE, UNSUPPORTED_RUNTIME.
	Status ScanStatusReason
	// Vulnerabilities are grouped by (advisory, package name) and sorted by
	// advisory ID, then package name.
	Vulnerabilities []VulnerabilityMatch
	// OpenPorts are the port ranges reachable from the internet (EC2 only).
	OpenPorts []OpenPortRange
}

// VulnerabilityMatch is one advisory affecting every installed copy of one
// package name in a resource (several layers or file paths may hold it).
type VulnerabilityMatch struct {
	Advisory    *advisory.Advisory
	PackageName string
	Packages    []PackageMatch
}

// PackageMatch is one installed package an advisory affects.
type PackageMatch struct {
	// Package points into the scanned resource.
	Package   *Package
	Ecosystem advisory.Ecosystem
	// SourceLayerHash is the image layer holding the package (ECR);
	// SourceLambdaLayerArn the Lambda layer (Lambda).
	SourceLayerHash      string
	SourceLambdaLayerArn string
	// FixedIn is the lowest fixed version, as the advisory writes it; ""
	// when there is no fix.
	FixedIn string
}

// OpenPortRange is a port range of one protocol that a security group
// opens to the whole internet (0.0.0.0/0 or ::/0) on an instance whose
// subnet routes to an internet gateway.
type OpenPortRange struct {
	Protocol        NetworkProtocol
	Begin, End      int
	SecurityGroupID string
}

type vulnKey struct {
	adv  *advisory.Advisory
	name string
}

// ScanEC2 scans an instance's packages (unless it is unmanaged or its
// platform is unsupported) and its network exposure.
func (s *Scanner) ScanEC2(i *EC2Instance) ScanResult {
	res := ScanResult{Status: ScanStatusReasonSuccessful, OpenPorts: OpenPorts(i)}
	if i.Unmanaged {
		res.Status = ScanStatusReasonUnmanagedEc2Instance
		return res
	}
	osEco, ok := osEcosystem(i.Platform)
	if !ok {
		res.Status = ScanStatusReasonUnsupportedOs
		return res
	}
	s.begin()
	for k := range i.Packages {
		s.match(&res, &i.Packages[k], osEco, "", "")
	}
	s.finish(&res)
	return res
}

// ScanECRImage scans the packages of every layer of an image. OS packages
// need the image's Platform; language packages are scanned regardless.
func (s *Scanner) ScanECRImage(img *ECRImage) ScanResult {
	res := ScanResult{Status: ScanStatusReasonSuccessful}
	osEco, _ := osEcosystem(img.Platform)
	s.begin()
	for l := range img.Layers {
		layer := &img.Layers[l]
		for k := range layer.Packages {
			s.match(&res, &layer.Packages[k], osEco, layer.Digest, "")
		}
	}
	s.finish(&res)
	return res
}

// ScanLambda scans a function's packages and those of its layers, unless
// its runtime is unsupported.
func (s *Scanner) ScanLambda(fn *LambdaFunction) ScanResult {
	res := ScanResult{Status: ScanStatusReasonSuccessful}
	if !runtimeSupported(fn.Runtime) {
		res.Status = ScanStatusReasonUnsupportedRuntime
		return res
	}
	s.begin()
	for k := range fn.Packages {
		s.match(&res, &fn.Packages[k], "", "", "")
	}
	for l := range fn.Layers {
		layer := &fn.Layers[l]
		for k := range layer.Packages {
			s.match(&res, &layer.Packages[k], "", "", layer.Arn)
		}
	}
	s.finish(&res)
	return res
}

func (s *Scanner) begin() {
	clear(s.index)
}

// packageEcosystem is the advisory ecosystem a package is matched in.
func packageEcosystem(p *Package, osEco advisory.Ecosystem) (advisory.Ecosystem, bool) {
	if p.Ecosystem != "" {
		return p.Ecosystem, true
	}
	if p.PackageManager == "" || p.PackageManager == PackageManagerOs {
		return osEco, osEco != ""
	}
	return languageEcosystem(p.PackageManager)
}

// queryVersion is the version an OS package is compared as:
// [epoch:]version[-release].
func queryVersion(p *Package) string {
	if p.Release == "" && p.Epoch == 0 {
		return p.Version
	}
	b := make([]byte, 0, len(p.Version)+len(p.Release)+8)
	if p.Epoch > 0 {
		b = strconv.AppendInt(b, int64(p.Epoch), 10)
		b = append(b, ':')
	}
	b = append(b, p.Version...)
	if p.Release != "" {
		b = append(b, '-')
		b = append(b, p.Release...)
	}
	return string(b)
}

func (s *Scanner) match(res *ScanResult, p *Package, osEco advisory.Ecosystem, layer, lambdaLayer string) {
	if s.DB == nil {
		return
	}
	eco, ok := packageEcosystem(p, osEco)
	if !ok {
		return
	}
	s.matches = s.DB.AppendMatches(s.matches[:0], eco, p.Name, queryVersion(p))
	for _, m := range s.matches {
		if s.index == nil {
			s.index = make(map[vulnKey]int)
		}
		k := vulnKey{m.Advisory, p.Name}
		i, ok := s.index[k]
		if !ok {
			i = len(res.Vulnerabilities)
			s.index[k] = i
			res.Vulnerabilities = append(res.Vulnerabilities, VulnerabilityMatch{Advisory: m.Advisory, PackageName: p.Name})
		}
		v := &res.Vulnerabilities[i]
		v.Packages = append(v.Packages, PackageMatch{Package: p, Ecosystem: eco, SourceLayerHash: layer,
			SourceLambdaLayerArn: lambdaLayer, FixedIn: m.FixedIn})
	}
}

func (s *Scanner) finish(res *ScanResult) {
	slices.SortFunc(res.Vulnerabilities, func(a, b VulnerabilityMatch) int {
		return cmp.Or(cmp.Compare(a.Advisory.ID, b.Advisory.ID), cmp.Compare(a.PackageName, b.PackageName))
	})
}

// OpenPorts returns the port ranges of an instance reachable from the
// internet: none unless its subnet routes to an internet gateway; then every
// TCP and UDP range a security group opens to 0.0.0.0/0 or ::/0, merged per
// protocol when ranges overlap or touch, each naming the first security
// group that opens part of it. ICMP rules open no ports. Network ACLs are
// not modelled (they are taken to allow the traffic, as the default ACL
// does).
func OpenPorts(i *EC2Instance) []OpenPortRange {
	if !i.SubnetRoutesToInternet {
		return nil
	}
	var open []OpenPortRange
	for _, sg := range i.SecurityGroups {
		for _, r := range sg.Ingress {
			if !openToInternet(r.CIDRs) {
				continue
			}
			protos, _ := parseProtocol(r.Protocol)
			lo, hi := r.FromPort, r.ToPort
			if r.Protocol == "-1" || r.Protocol == "all" {
				lo, hi = 0, 65535
			}
			if lo < 0 || hi > 65535 || lo > hi {
				continue
			}
			for _, p := range protos {
				open = append(open, OpenPortRange{Protocol: p, Begin: lo, End: hi, SecurityGroupID: sg.ID})
			}
		}
	}
	if len(open) == 0 {
		return nil
	}
	slices.SortStableFunc(open, func(a, b OpenPortRange) int {
		return cmp.Or(cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.Begin, b.Begin))
	})
	merged := open[:1]
	for _, r := range open[1:] {
		last := &merged[len(merged)-1]
		if r.Protocol == last.Protocol && r.Begin <= last.End+1 {
			last.End = max(last.End, r.End)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

func openToInternet(cidrs []string) bool {
	for _, c := range cidrs {
		if p, err := netip.ParsePrefix(c); err == nil && p.Bits() == 0 {
			return true
		}
	}
	return false
}
