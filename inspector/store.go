package inspector

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// Findings are stored compactly: a finding holds pointers to its account,
// its resource (the registered value), an interned (vulnerability, package
// name) record or a network path record, the matched package copies, and a
// few integers; the AWS Finding is built only for output. Each account
// keeps its findings in a slice with a parallel slice of packed enum fields
// (bits) that scans test first, and counts its ACTIVE findings by finding
// type and resource type so that per-account aggregations need not scan.

// Enum indexes, in the order of the enums' Values.
const (
	ftNetwork = iota
	ftPackage
	ftCode
	numFindingTypes
)

const (
	rtEC2 = iota
	rtECRImage
	rtECRRepository
	rtLambda
	rtCodeRepository
	numResourceTypes
)

const (
	sevInformational = iota
	sevLow
	sevMedium
	sevHigh
	sevCritical
	sevUntriaged
	numSeverities
)

const (
	fsActive = iota
	fsSuppressed
	fsClosed
)

// fixNone and exploitNone mark findings without the field (network
// reachability findings).
const (
	fixYes = iota
	fixNo
	fixPartial
	fixNone
)

const (
	exploitYes = iota
	exploitNo
	exploitNone
)

const (
	protoNone = iota
	protoTCP
	protoUDP
)

var (
	severityNames     = Severity("").Values()
	findingTypeNames  = FindingType("").Values()
	resourceTypeNames = ResourceType("").Values()
	statusNames       = FindingStatus("").Values()
	fixNames          = FixAvailable("").Values()
	exploitNames      = ExploitAvailable("").Values()
)

// Bit layout of account.bits.
const (
	bSev     = 0  // 3 bits
	bStatus  = 3  // 2 bits: effective status
	bType    = 5  // 2 bits
	bRes     = 7  // 3 bits
	bFix     = 10 // 2 bits
	bExploit = 12 // 2 bits
	bProto   = 14 // 2 bits
)

func field(bits uint32, shift, width uint) uint8 { return uint8(bits >> shift & (1<<width - 1)) }

// aggCounts counts ACTIVE findings of one class.
type aggCounts struct {
	sev     [numSeverities]int64
	fix     int64 // fixAvailable YES
	exploit int64 // exploitAvailable YES
}

// resource is a registered resource.
type resource struct {
	acct *account
	rt   uint8
	id   string
	ec2  *EC2Instance
	img  *ECRImage
	fn   *LambdaFunction

	scanned   bool
	status    ScanStatusReason
	lastScan  int64
	removedAt int64
	reachable bool
	fs        []*finding

	// usage: coverage spans and ECR scans.
	covFrom   int64
	covPast   []span
	firstScan int64
	rescans   []int64
}

type span struct{ from, to int64 }

func (res *resource) scanType() int {
	switch res.rt {
	case rtECRImage:
		return stECR
	case rtLambda:
		return stLambda
	}
	return stEC2
}

func (res *resource) tags() map[string]string {
	switch res.rt {
	case rtEC2:
		return res.ec2.Tags
	case rtLambda:
		return res.fn.Tags
	}
	return nil
}

func (res *resource) coverageStart(at int64) {
	if res.covFrom == 0 {
		res.covFrom = at
	}
}

func (res *resource) coverageStop(at int64) {
	if res.covFrom != 0 {
		res.covPast = append(res.covPast, span{res.covFrom, at})
		res.covFrom = 0
	}
}

// vulnerability is what Inspector shows of one advisory, computed once per
// advisory and generation.
type vulnerability struct {
	adv       *advisory.Advisory
	id        string
	sev       uint8
	hasScore  bool
	score     float64
	vector    string
	version   string
	adjusted  float64 // the score with AV:N lowered to AV:A
	adjVector string
	canAdjust bool
	exploit   bool
	vendorSev string
	source    string
	sourceURL string
	refs      []string
	related   []string
	created   time.Time
	updated   time.Time
	desc      string
}

// vulnPkg interns (vulnerability, package name) with the finding title.
type vulnPkg struct {
	v     *vulnerability
	name  string
	title string
}

type vpKey struct {
	adv  *advisory.Advisory
	name string
}

// instMatch is one matched package copy of a finding.
type instMatch struct {
	p           *Package
	layer       string
	lambdaLayer string
	fixedIn     string
	osPkg       bool
}

// netInfo is the open path of a network reachability finding.
type netInfo struct {
	proto      uint8
	begin, end int
	sg         string
	igw, acl   string
	eni        string
	instance   string
	ttl        string
}

// finding is one stored finding.
type finding struct {
	acct *account
	res  *resource
	vp   *vulnPkg
	inst []instMatch
	net  *netInfo

	id                             [16]byte
	first, last, updated, closedAt int64
	score                          float64
	supp                           uint16
	idx                            int32
	sev, status, typ, fix, exploit uint8
	hasScore, adjusted             bool
}

func (f *finding) effStatus() uint8 {
	if f.status == fsClosed {
		return fsClosed
	}
	if f.supp > 0 {
		return fsSuppressed
	}
	return fsActive
}

func (f *finding) proto() uint8 {
	if f.net == nil {
		return protoNone
	}
	return f.net.proto
}

func (f *finding) pack() uint32 {
	return uint32(f.sev)<<bSev | uint32(f.effStatus())<<bStatus | uint32(f.typ)<<bType |
		uint32(f.res.rt)<<bRes | uint32(f.fix)<<bFix | uint32(f.exploit)<<bExploit | uint32(f.proto())<<bProto
}

func (a *account) countBits(bits uint32, delta int64) {
	if field(bits, bStatus, 2) != fsActive {
		return
	}
	c := &a.counts[field(bits, bType, 2)][field(bits, bRes, 3)]
	c.sev[field(bits, bSev, 3)] += delta
	if field(bits, bFix, 2) == fixYes {
		c.fix += delta
	}
	if field(bits, bExploit, 2) == exploitYes {
		c.exploit += delta
	}
}

func (a *account) addFinding(f *finding) {
	f.idx = int32(len(a.fs))
	a.fs = append(a.fs, f)
	b := f.pack()
	a.bits = append(a.bits, b)
	a.countBits(b, 1)
}

// refresh re-packs a finding after a change and fixes the counts.
func (a *account) refresh(f *finding) {
	old, b := a.bits[f.idx], f.pack()
	if old == b {
		return
	}
	a.countBits(old, -1)
	a.countBits(b, 1)
	a.bits[f.idx] = b
}

func (a *account) removeFinding(f *finding) {
	i := int(f.idx)
	a.countBits(a.bits[i], -1)
	last := len(a.fs) - 1
	if i != last {
		a.fs[i] = a.fs[last]
		a.bits[i] = a.bits[last]
		a.fs[i].idx = int32(i)
	}
	a.fs[last] = nil
	a.fs = a.fs[:last]
	a.bits = a.bits[:last]
	f.idx = -1
}

func (r *region) deleteFindings(res *resource) {
	for _, f := range res.fs {
		res.acct.removeFinding(f)
	}
	res.fs = nil
}

// sweep deletes closed findings past retention and resources removed
// whose findings are all gone.
func (r *region) sweep(now int64) {
	for _, a := range r.accounts {
		for id, res := range a.resources {
			retention := int64(ClosedRetention)
			if res.removedAt != 0 {
				retention = int64(TerminatedRetention)
			}
			kept := res.fs[:0]
			for _, f := range res.fs {
				if f.status == fsClosed && now-f.closedAt >= retention {
					a.removeFinding(f)
					continue
				}
				kept = append(kept, f)
			}
			clear(res.fs[len(kept):])
			res.fs = kept
			if res.removedAt != 0 && len(res.fs) == 0 {
				delete(a.resources, id)
			}
		}
	}
}

// vuln returns the interned view of an advisory.
func (s *Service) vuln(adv *advisory.Advisory) *vulnerability {
	if v := s.vulns[adv]; v != nil {
		return v
	}
	v := &vulnerability{adv: adv, id: adv.ID, exploit: adv.ExploitAvailable(), vendorSev: adv.VendorSeverity(),
		created: adv.Published, updated: adv.Modified, related: adv.Aliases}
	if adv.Published.IsZero() {
		v.created = adv.Modified
	}
	if score, vector, ok := adv.CVSS3(); ok {
		v.hasScore, v.score, v.vector = true, score, vector
		v.version = "3.1"
		if strings.HasPrefix(vector, "CVSS:3.0/") {
			v.version = "3.0"
		}
		if strings.Contains(vector, "/AV:N") {
			adj := strings.Replace(vector, "/AV:N", "/AV:A", 1)
			if sc, err := advisory.CVSS3BaseScore(adj); err == nil {
				v.canAdjust, v.adjusted, v.adjVector = true, sc, adj
			}
		}
		v.sev = severityIndex(advisory.SeverityFromScore(score))
	} else {
		v.sev = vendorSeverityIndex(v.vendorSev)
	}
	v.source, v.sourceURL = vulnSource(adv)
	for _, ref := range adv.References {
		v.refs = append(v.refs, ref.URL)
	}
	v.desc = adv.Details
	if v.desc == "" {
		v.desc = adv.Summary
	}
	if v.desc == "" {
		v.desc = adv.ID
	}
	if len(v.desc) > 1024 {
		v.desc = v.desc[:1021] + "..."
	}
	s.vulns[adv] = v
	return v
}

func (s *Service) vulnPkg(adv *advisory.Advisory, name string) *vulnPkg {
	k := vpKey{adv, name}
	if vp := s.vps[k]; vp != nil {
		return vp
	}
	vp := &vulnPkg{v: s.vuln(adv), name: name, title: adv.ID + " - " + name}
	s.vps[k] = vp
	return vp
}

func severityIndex(s string) uint8 {
	for i, n := range severityNames {
		if string(n) == s {
			return uint8(i)
		}
	}
	return sevUntriaged
}

// vendorSeverityIndex maps a vendor's own rating to Inspector's severity,
// for advisories without a CVSS v3 score.
func vendorSeverityIndex(s string) uint8 {
	switch strings.ToLower(s) {
	case "critical":
		return sevCritical
	case "high", "important":
		return sevHigh
	case "medium", "moderate":
		return sevMedium
	case "low":
		return sevLow
	case "negligible", "informational", "unimportant":
		return sevInformational
	}
	return sevUntriaged
}

// vulnSource names the source of an advisory as Inspector's
// vulnerabilitySource does, from the advisory's id.
func vulnSource(adv *advisory.Advisory) (source, url string) {
	id := adv.ID
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return "NVD", "https://nvd.nist.gov/vuln/detail/" + id
	case strings.HasPrefix(id, "GHSA-"):
		source = "GITHUB"
		url = "https://github.com/advisories/" + id
	case strings.HasPrefix(id, "GO-"):
		source = "GO"
		url = "https://pkg.go.dev/vuln/" + id
	case strings.HasPrefix(id, "RUSTSEC-"):
		source = "RUSTSEC"
		url = "https://rustsec.org/advisories/" + id
	case strings.HasPrefix(id, "ALAS"):
		source = "ALAS"
	case strings.HasPrefix(id, "DSA-"), strings.HasPrefix(id, "DLA-"):
		source = "DEBIAN_CVE"
	case strings.HasPrefix(id, "USN-"):
		source = "UBUNTU_CVE"
	default:
		source = "OSV"
	}
	if url == "" {
		for _, ref := range adv.References {
			if ref.Type == "ADVISORY" || ref.Type == "WEB" {
				return source, ref.URL
			}
		}
	}
	return source, url
}

// wellKnownSensitive are ports of remote administration, file sharing and
// database services.
var wellKnownSensitive = []int{20, 21, 22, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 9200, 9300, 11211, 27017}

// networkSeverity rates an open port range. AWS rates network
// reachability findings by the service, ports and protocol exposed and
// publishes no table; this model follows the ratings AWS findings show:
// MEDIUM when the range includes a remote-administration, file-sharing or
// database port (SSH 22, RDP 3389, MySQL 3306, ...; see
// wellKnownSensitive), else LOW when it includes another well-known port
// (0-1023: HTTP 80, HTTPS 443, ...), else INFORMATIONAL.
func networkSeverity(begin, end int) uint8 {
	for _, p := range wellKnownSensitive {
		if begin <= p && p <= end {
			return sevMedium
		}
	}
	if begin <= 1023 {
		return sevLow
	}
	return sevInformational
}

type fkey struct {
	vuln, pkg  string
	proto      uint8
	begin, end int32
}

func (f *finding) key() fkey {
	if f.net != nil {
		return fkey{proto: f.net.proto, begin: int32(f.net.begin), end: int32(f.net.end)}
	}
	return fkey{vuln: f.vp.v.id, pkg: f.vp.name}
}

// scan scans a resource at time at and reconciles its findings: new
// problems get findings (or reopen ones closed within ReopenWindow),
// changed ones are updated, and findings of problems that are gone are
// closed.
func (r *region) scan(res *resource, at int64) {
	s := r.s
	var result ScanResult
	switch res.rt {
	case rtEC2:
		result = s.scanner.ScanEC2(res.ec2)
	case rtECRImage:
		result = s.scanner.ScanECRImage(res.img)
		if res.firstScan == 0 {
			res.firstScan = at
		} else {
			res.rescans = append(res.rescans, at)
		}
	case rtLambda:
		result = s.scanner.ScanLambda(res.fn)
	}
	res.scanned, res.status, res.lastScan = true, result.Status, at
	res.reachable = len(result.OpenPorts) > 0

	var byKey map[fkey]*finding
	if len(res.fs) > 0 {
		byKey = make(map[fkey]*finding, len(res.fs))
		for _, f := range res.fs {
			k := f.key()
			if old := byKey[k]; old == nil || old.status == fsClosed && (f.status != fsClosed || f.closedAt > old.closedAt) {
				byKey[k] = f
			}
		}
	}
	rules := r.suppressRules(res.acct)
	seen := make(map[*finding]bool, len(result.Vulnerabilities)+len(result.OpenPorts))
	for i := range result.Vulnerabilities {
		vm := &result.Vulnerabilities[i]
		vp := s.vulnPkg(vm.Advisory, vm.PackageName)
		nf := finding{vp: vp, typ: ftPackage}
		nf.inst = make([]instMatch, len(vm.Packages))
		fixed := 0
		for j, pm := range vm.Packages {
			nf.inst[j] = instMatch{p: pm.Package, layer: pm.SourceLayerHash, lambdaLayer: pm.SourceLambdaLayerArn,
				fixedIn: pm.FixedIn, osPkg: pm.Package.PackageManager == "" || pm.Package.PackageManager == PackageManagerOs}
			if pm.FixedIn != "" {
				fixed++
			}
		}
		switch {
		case fixed == len(vm.Packages):
			nf.fix = fixYes
		case fixed == 0:
			nf.fix = fixNo
		default:
			nf.fix = fixPartial
		}
		v := vp.v
		nf.sev = v.sev
		nf.exploit = exploitNo
		if v.exploit {
			nf.exploit = exploitYes
		}
		if v.hasScore {
			nf.hasScore, nf.score = true, v.score
			if res.rt == rtEC2 && !res.reachable && v.canAdjust {
				nf.score, nf.adjusted = v.adjusted, true
			}
		}
		f := r.observe(res, byKey[fkey{vuln: v.id, pkg: vm.PackageName}], &nf, at, rules)
		seen[f] = true
	}
	for _, op := range result.OpenPorts {
		ni := &netInfo{proto: protoTCP, begin: op.Begin, end: op.End, sg: op.SecurityGroupID,
			igw: res.ec2.InternetGatewayID, acl: res.ec2.NetworkACLID, eni: res.ec2.NetworkInterfaceID, instance: res.ec2.InstanceID}
		if op.Protocol == NetworkProtocolUdp {
			ni.proto = protoUDP
		}
		ni.ttl = ni.makeTitle()
		nf := finding{net: ni, typ: ftNetwork, sev: networkSeverity(op.Begin, op.End), fix: fixNone, exploit: exploitNone}
		f := r.observe(res, byKey[fkey{proto: ni.proto, begin: int32(op.Begin), end: int32(op.End)}], &nf, at, rules)
		seen[f] = true
	}
	for _, f := range res.fs {
		if f.status != fsClosed && !seen[f] {
			r.close(f, at, rules)
		}
	}
}

// observe records one problem found by a scan: it creates a finding,
// reopens a recently closed one or updates an existing one with nf's
// content.
func (r *region) observe(res *resource, f *finding, nf *finding, at int64, rules []*filter) *finding {
	a := res.acct
	if f == nil || f.status == fsClosed && at-f.closedAt > int64(ReopenWindow) {
		nf.acct, nf.res = a, res
		nf.first, nf.last, nf.updated = at, at, at
		nf.status = fsActive
		r.s.newID(nf.id[:])
		created := new(finding)
		*created = *nf
		created.supp = countMatches(rules, created)
		a.addFinding(created)
		res.fs = append(res.fs, created)
		return created
	}
	changed := f.status == fsClosed || !sameContent(f, nf)
	if !changed {
		// Keep the newest package pointers (the resource may have been put
		// again with the same content).
		f.inst, f.net = nf.inst, keepNet(f.net, nf.net)
		return f
	}
	f.vp, f.inst, f.net = nf.vp, nf.inst, nf.net
	f.sev, f.fix, f.exploit, f.hasScore, f.score, f.adjusted = nf.sev, nf.fix, nf.exploit, nf.hasScore, nf.score, nf.adjusted
	f.status, f.closedAt = fsActive, 0
	f.last, f.updated = at, at
	f.supp = countMatches(rules, f)
	a.refresh(f)
	return f
}

func keepNet(old, nw *netInfo) *netInfo {
	if nw == nil {
		return old
	}
	return nw
}

// sameContent reports whether a rescan leaves a finding unchanged.
func sameContent(f, nf *finding) bool {
	if f.sev != nf.sev || f.fix != nf.fix || f.exploit != nf.exploit || f.hasScore != nf.hasScore ||
		f.score != nf.score || f.adjusted != nf.adjusted {
		return false
	}
	if f.net != nil {
		return *f.net == *nf.net
	}
	if f.vp.v.adv != nf.vp.v.adv || len(f.inst) != len(nf.inst) {
		return false
	}
	for i := range f.inst {
		a, b := &f.inst[i], &nf.inst[i]
		if a.layer != b.layer || a.lambdaLayer != b.lambdaLayer || a.fixedIn != b.fixedIn || *a.p != *b.p {
			return false
		}
	}
	return true
}

func (r *region) close(f *finding, at int64, rules []*filter) {
	f.status, f.closedAt, f.updated = fsClosed, at, at
	f.supp = countMatches(rules, f)
	f.acct.refresh(f)
}

// removeResource closes a resource's findings and marks it removed.
func (r *region) removeResource(res *resource, at int64) {
	rules := r.suppressRules(res.acct)
	for _, f := range res.fs {
		if f.status != fsClosed {
			r.close(f, at, rules)
		}
	}
	res.coverageStop(at)
	res.removedAt = at
	res.scanned = false
}

// suppressRules lists the SUPPRESS rules that apply to an account's
// findings: the rules it owns and, while it is a delegated administrator or
// an associated member, its organization's.
func (r *region) suppressRules(a *account) []*filter {
	var out []*filter
	for _, f := range r.owners[a.id] {
		if f.action == FilterActionSuppress {
			out = append(out, f)
		}
	}
	org := ""
	if a.admin != nil {
		org = a.admin.orgID
	} else if da := a.isAdmin(); da != nil {
		org = da.orgID
	}
	if org != "" {
		for _, f := range r.owners[org] {
			if f.action == FilterActionSuppress {
				out = append(out, f)
			}
		}
	}
	return out
}

func countMatches(rules []*filter, f *finding) uint16 {
	n := uint16(0)
	for _, rule := range rules {
		if rule.m.match(f) {
			n++
		}
	}
	return n
}

// recountAccount recomputes the suppression of every finding of an account
// (after its association or its organization's rules changed).
func (r *region) recountAccount(a *account) {
	rules := r.suppressRules(a)
	for _, f := range a.fs {
		if n := countMatches(rules, f); n != f.supp {
			f.supp = n
			a.refresh(f)
		}
	}
}

// findingArn renders a finding's ARN.
func (f *finding) arn(partition, region string) string {
	return fmt.Sprintf("arn:%s:inspector2:%s:%s:finding/%x", partition, region, f.acct.id, f.id)
}

// resource ids as Inspector reports them.
func ecrImageID(partition, region string, img *ECRImage) string {
	return "arn:" + partition + ":ecr:" + region + ":" + img.Registry + ":repository/" + img.RepositoryName + "/" + img.Digest
}

func lambdaFunctionID(partition, region, account string, fn *LambdaFunction) string {
	v := fn.Version
	if v == "" {
		v = "$LATEST"
	}
	return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + fn.FunctionName + ":" + v
}

// usageSince sums the coverage hours of a resource within [from, to].
func (res *resource) coveredHours(from, to int64) float64 {
	total := int64(0)
	add := func(a, b int64) {
		a, b = max(a, from), min(b, to)
		if b > a {
			total += b - a
		}
	}
	for _, sp := range res.covPast {
		add(sp.from, sp.to)
	}
	if res.covFrom != 0 {
		add(res.covFrom, to)
	}
	return math.Round(float64(total)/float64(time.Hour)*1000) / 1000
}

func sortedResources(m map[string]*resource) []*resource {
	out := make([]*resource, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *resource) int { return strings.Compare(a.id, b.id) })
	return out
}
