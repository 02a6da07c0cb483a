package inspector

import (
	"math"
	"strings"
	"time"
)

// A FilterCriteria is validated against the model's constraints and then
// compiled into a matcher. Fields whose values are enums (severity,
// findingType, findingStatus, resourceType, fixAvailable, exploitAvailable,
// networkProtocol) compile to bit sets over the enum, tested against the
// packed bits of a finding without dereferencing it; the other fields
// compile to conditions evaluated on the finding.
//
// Semantics: the fields given are ANDed. Within a field, the finding
// matches when any EQUALS or PREFIX entry matches one of its values (OR)
// and no NOT_EQUALS entry equals one of them (an AND of negations); a field
// with only NOT_EQUALS entries matches findings without a value. Date and
// number entries are inclusive ranges, ORed; a finding without the value
// matches none. Map entries (tags) are ORed; port ranges match network
// findings whose open range overlaps them; a package entry matches when one
// vulnerable package matches all of its sub-filters. Fields the model has
// no data for (code vulnerabilities, code repositories, EPSS) have no value
// on any finding.

type fieldID uint8

const (
	fNone fieldID = iota
	fFindingArn
	fAccount
	fTitle
	fResourceID
	fImageID
	fVpc
	fSubnet
	fPlatform
	fEcrArch
	fEcrRegistry
	fEcrRepo
	fEcrTags
	fEcrHash
	fComponentID
	fComponentType
	fVulnID
	fVulnSource
	fVendorSev
	fRelated
	fLambdaName
	fLambdaLayers
	fLambdaRuntime
	fLambdaRole
	fPkgName
	fPkgLayerHash
	fPkgLambdaLayer
	// dates
	fFirst
	fLast
	fUpdated
	fEcrPushed
	fEcrLastInUse
	fLambdaModified
	// numbers
	fScore
	fEcrInUse
	// tags
	fTags
)

// enumSet is a set of enum indexes; allSet allows every value.
type enumSet uint8

const allSet enumSet = 0xFF

func (e enumSet) has(i uint8) bool { return e>>i&1 != 0 }

type strCond struct {
	field fieldID
	pos   []StringFilter
	neg   []string
}

// rangeCond is a list of inclusive ranges: of numbers (lo, hi; infinite
// when open) or of dates (dlo, dhi in unix nanoseconds).
type rangeCond struct {
	field    fieldID
	dates    bool
	lo, hi   []float64
	dlo, dhi []int64
}

type mapCond struct {
	field fieldID
	kv    []MapFilter
}

type pkgCond struct {
	filters []PackageFilter
}

// matcher is a compiled FilterCriteria. It keeps a scratch buffer, so one
// matcher must not be used by two goroutines at once; the Service uses
// matchers only under its lock.
type matcher struct {
	sev, status, typ, rt, fix, exploit, proto enumSet
	// baseStatus tests findingStatus against the status before suppression
	// (ACTIVE or CLOSED): suppression rules use it, since their own effect
	// must not feed back into what they match.
	baseStatus bool
	never      bool

	accounts *strCond
	strs     []strCond
	ranges   []rangeCond
	maps     []mapCond
	ports    []rangeCond
	pkgs     *pkgCond

	scratch []string
}

// onlyAccounts returns the account ids the matcher can match, when its
// account condition is a plain list of EQUALS entries.
func (m *matcher) onlyAccounts() (map[string]bool, bool) {
	if m.accounts == nil || len(m.accounts.neg) > 0 {
		return nil, false
	}
	set := map[string]bool{}
	for _, p := range m.accounts.pos {
		if p.Comparison != StringComparisonEquals {
			return nil, false
		}
		set[p.Value] = true
	}
	return set, true
}

func (m *matcher) bitsOK(b uint32) bool {
	return !m.never && m.sev.has(field(b, bSev, 3)) && m.status.has(field(b, bStatus, 2)) &&
		m.typ.has(field(b, bType, 2)) && m.rt.has(field(b, bRes, 3)) && m.fix.has(field(b, bFix, 2)) &&
		m.exploit.has(field(b, bExploit, 2)) && m.proto.has(field(b, bProto, 2))
}

// accountOK tests the account condition alone.
func (m *matcher) accountOK(id string) bool {
	if m.accounts == nil {
		return true
	}
	return m.strMatch(m.accounts, []string{id})
}

// match tests a finding; status is its effective status unless the
// matcher tests the base status.
func (m *matcher) match(f *finding) bool {
	st := f.effStatus()
	if m.baseStatus {
		st = f.status
	}
	if m.never || !m.sev.has(f.sev) || !m.status.has(st) || !m.typ.has(f.typ) || !m.rt.has(f.res.rt) ||
		!m.fix.has(f.fix) || !m.exploit.has(f.exploit) || !m.proto.has(f.proto()) {
		return false
	}
	return m.accountOK(f.acct.id) && m.rest(f)
}

// rest tests every condition but the enums and the account.
func (m *matcher) rest(f *finding) bool {
	for i := range m.strs {
		c := &m.strs[i]
		m.scratch = findingStrings(f, c.field, m.scratch[:0])
		if !m.strMatch(c, m.scratch) {
			return false
		}
	}
	for i := range m.ranges {
		c := &m.ranges[i]
		if c.dates {
			t, ok := findingDate(f, c.field)
			if !ok || !inDateRanges(c, t) {
				return false
			}
			continue
		}
		v, ok := findingNumber(f, c.field)
		if !ok || !inRanges(c, v) {
			return false
		}
	}
	for i := range m.maps {
		if !mapMatch(&m.maps[i], f.res.tags()) {
			return false
		}
	}
	for i := range m.ports {
		if f.net == nil || !overlaps(&m.ports[i], float64(f.net.begin), float64(f.net.end)) {
			return false
		}
	}
	if m.pkgs != nil && !m.pkgMatch(f) {
		return false
	}
	return true
}

func (m *matcher) strMatch(c *strCond, values []string) bool {
	for _, n := range c.neg {
		for _, v := range values {
			if v == n {
				return false
			}
		}
	}
	if len(c.pos) == 0 {
		return true
	}
	for _, p := range c.pos {
		for _, v := range values {
			if stringFilterMatch(p, v) {
				return true
			}
		}
	}
	return false
}

func stringFilterMatch(p StringFilter, v string) bool {
	switch p.Comparison {
	case StringComparisonEquals:
		return v == p.Value
	case StringComparisonPrefix:
		return strings.HasPrefix(v, p.Value)
	case StringComparisonNotEquals:
		return v != p.Value
	}
	return false
}

func inRanges(c *rangeCond, v float64) bool {
	for i := range c.lo {
		if c.lo[i] <= v && v <= c.hi[i] {
			return true
		}
	}
	return false
}

func inDateRanges(c *rangeCond, t int64) bool {
	for i := range c.dlo {
		if c.dlo[i] <= t && t <= c.dhi[i] {
			return true
		}
	}
	return false
}

func overlaps(c *rangeCond, begin, end float64) bool {
	for i := range c.lo {
		if c.lo[i] <= end && begin <= c.hi[i] {
			return true
		}
	}
	return false
}

func mapMatch(c *mapCond, tags map[string]string) bool {
	for _, kv := range c.kv {
		if v, ok := tags[kv.Key]; ok && v == kv.Value {
			return true
		}
	}
	return false
}

func (m *matcher) pkgMatch(f *finding) bool {
	for _, pf := range m.pkgs.filters {
		for i := range f.inst {
			if pkgFilterMatch(&pf, &f.inst[i]) {
				return true
			}
		}
	}
	return false
}

func pkgFilterMatch(pf *PackageFilter, im *instMatch) bool {
	one := func(sf *StringFilter, v string) bool { return sf == nil || stringFilterMatch(*sf, v) }
	if !one(pf.Name, im.p.Name) || !one(pf.Version, im.p.Version) || !one(pf.Release, im.p.Release) ||
		!one(pf.Architecture, im.p.Arch) || !one(pf.SourceLayerHash, im.layer) ||
		!one(pf.SourceLambdaLayerArn, im.lambdaLayer) || !one(pf.FilePath, im.p.FilePath) {
		return false
	}
	if pf.Epoch != nil {
		lo, hi := numBounds(pf.Epoch)
		if e := float64(im.p.Epoch); e < lo || e > hi {
			return false
		}
	}
	return true
}

// findingStrings appends the values of a string field of a finding.
func findingStrings(f *finding, fid fieldID, dst []string) []string {
	res := f.res
	switch fid {
	case fFindingArn:
		return append(dst, f.arn(f.acct.r.s.partition, f.acct.r.name))
	case fAccount:
		return append(dst, f.acct.id)
	case fTitle:
		return append(dst, f.title())
	case fResourceID:
		return append(dst, res.id)
	case fImageID, fVpc, fSubnet:
		if res.ec2 == nil {
			return dst
		}
		v := res.ec2.ImageID
		switch fid {
		case fVpc:
			v = res.ec2.VpcID
		case fSubnet:
			v = res.ec2.SubnetID
		}
		if v == "" {
			return dst
		}
		return append(dst, v)
	case fPlatform:
		switch {
		case res.ec2 != nil && res.ec2.Platform != "":
			return append(dst, res.ec2.Platform)
		case res.img != nil && res.img.Platform != "":
			return append(dst, res.img.Platform)
		}
	case fEcrArch, fEcrRegistry, fEcrRepo, fEcrHash:
		if res.img == nil {
			return dst
		}
		switch fid {
		case fEcrArch:
			if res.img.Architecture != "" {
				return append(dst, res.img.Architecture)
			}
			return dst
		case fEcrRegistry:
			return append(dst, res.img.Registry)
		case fEcrRepo:
			return append(dst, res.img.RepositoryName)
		}
		return append(dst, res.img.Digest)
	case fEcrTags:
		if res.img != nil {
			return append(dst, res.img.Tags...)
		}
	case fComponentID, fComponentType:
		if f.net != nil {
			for _, st := range f.net.steps() {
				if fid == fComponentID {
					dst = append(dst, st.ComponentID)
				} else {
					dst = append(dst, st.ComponentType)
				}
			}
		}
	case fVulnID:
		if f.vp != nil {
			return append(dst, f.vp.v.id)
		}
	case fVulnSource:
		if f.vp != nil {
			return append(dst, f.vp.v.source)
		}
	case fVendorSev:
		if f.vp != nil && f.vp.v.vendorSev != "" {
			return append(dst, f.vp.v.vendorSev)
		}
	case fRelated:
		if f.vp != nil {
			return append(dst, f.vp.v.related...)
		}
	case fLambdaName, fLambdaRuntime, fLambdaRole:
		if res.fn == nil {
			return dst
		}
		switch fid {
		case fLambdaName:
			return append(dst, res.fn.FunctionName)
		case fLambdaRuntime:
			return append(dst, string(res.fn.Runtime))
		}
		if res.fn.ExecutionRoleArn != "" {
			return append(dst, res.fn.ExecutionRoleArn)
		}
	case fLambdaLayers:
		if res.fn != nil {
			for _, l := range res.fn.Layers {
				dst = append(dst, l.Arn)
			}
		}
	case fPkgName:
		for _, im := range f.inst {
			dst = append(dst, im.p.Name)
		}
	case fPkgLayerHash:
		for _, im := range f.inst {
			if im.layer != "" {
				dst = append(dst, im.layer)
			}
		}
	case fPkgLambdaLayer:
		for _, im := range f.inst {
			if im.lambdaLayer != "" {
				dst = append(dst, im.lambdaLayer)
			}
		}
	}
	return dst
}

// findingDate returns a date field in unix nanoseconds.
func findingDate(f *finding, fid fieldID) (int64, bool) {
	res := f.res
	date := func(t time.Time) (int64, bool) {
		if t.IsZero() {
			return 0, false
		}
		return t.UnixNano(), true
	}
	switch fid {
	case fFirst:
		return f.first, true
	case fLast:
		return f.last, true
	case fUpdated:
		return f.updated, true
	case fEcrPushed:
		if res.img != nil {
			return date(res.img.PushedAt)
		}
	case fEcrLastInUse:
		if res.img != nil {
			return date(res.img.LastInUseAt)
		}
	case fLambdaModified:
		if res.fn != nil {
			return date(res.fn.LastModifiedAt)
		}
	}
	return 0, false
}

// findingNumber returns a number field.
func findingNumber(f *finding, fid fieldID) (float64, bool) {
	res := f.res
	switch fid {
	case fScore:
		if f.hasScore {
			return f.score, true
		}
	case fEcrInUse:
		if res.img != nil {
			return float64(res.img.InUseCount), true
		}
	}
	return 0, false
}

// title is the finding's title.
func (f *finding) title() string {
	if f.vp != nil {
		return f.vp.title
	}
	return f.net.title()
}

// compileCriteria validates and compiles a FilterCriteria; path prefixes
// field names in validation messages ("filterCriteria").
func compileCriteria(c *FilterCriteria, path string, v *fieldErrors) *matcher {
	m := &matcher{sev: allSet, status: allSet, typ: allSet, rt: allSet, fix: allSet, exploit: allSet, proto: allSet}
	if c == nil {
		return m
	}
	p := func(name string) string { return path + "." + name }
	enum := func(name string, list []StringFilter, names []string, set *enumSet) {
		if !checkStrings(p(name), list, v) || list == nil {
			return
		}
		*set = enumMask(list, names)
	}
	enum("severity", c.Severity, enumStrings(severityNames), &m.sev)
	enum("findingStatus", c.FindingStatus, enumStrings(statusNames), &m.status)
	enum("findingType", c.FindingType, enumStrings(findingTypeNames), &m.typ)
	enum("resourceType", c.ResourceType, enumStrings(resourceTypeNames), &m.rt)
	enum("fixAvailable", c.FixAvailable, append(enumStrings(fixNames), ""), &m.fix)
	enum("exploitAvailable", c.ExploitAvailable, append(enumStrings(exploitNames), ""), &m.exploit)
	// networkProtocol: index 0 is "no protocol" (package findings).
	enum("networkProtocol", c.NetworkProtocol, []string{"", "TCP", "UDP"}, &m.proto)

	if checkStrings(p("awsAccountId"), c.AwsAccountID, v) && c.AwsAccountID != nil {
		sc := newStrCond(fAccount, c.AwsAccountID)
		m.accounts = &sc
	}
	strs := []struct {
		name string
		list []StringFilter
		fid  fieldID
	}{
		{"findingArn", c.FindingArn, fFindingArn},
		{"title", c.Title, fTitle},
		{"resourceId", c.ResourceID, fResourceID},
		{"ec2InstanceImageId", c.Ec2InstanceImageID, fImageID},
		{"ec2InstanceVpcId", c.Ec2InstanceVpcID, fVpc},
		{"ec2InstanceSubnetId", c.Ec2InstanceSubnetID, fSubnet},
		{"ecrImageArchitecture", c.EcrImageArchitecture, fEcrArch},
		{"ecrImageRegistry", c.EcrImageRegistry, fEcrRegistry},
		{"ecrImageRepositoryName", c.EcrImageRepositoryName, fEcrRepo},
		{"ecrImageTags", c.EcrImageTags, fEcrTags},
		{"ecrImageHash", c.EcrImageHash, fEcrHash},
		{"componentId", c.ComponentID, fComponentID},
		{"componentType", c.ComponentType, fComponentType},
		{"vulnerabilityId", c.VulnerabilityID, fVulnID},
		{"vulnerabilitySource", c.VulnerabilitySource, fVulnSource},
		{"vendorSeverity", c.VendorSeverity, fVendorSev},
		{"relatedVulnerabilities", c.RelatedVulnerabilities, fRelated},
		{"lambdaFunctionName", c.LambdaFunctionName, fLambdaName},
		{"lambdaFunctionLayers", c.LambdaFunctionLayers, fLambdaLayers},
		{"lambdaFunctionRuntime", c.LambdaFunctionRuntime, fLambdaRuntime},
		{"lambdaFunctionExecutionRoleArn", c.LambdaFunctionExecutionRoleArn, fLambdaRole},
		{"codeVulnerabilityDetectorName", c.CodeVulnerabilityDetectorName, fNone},
		{"codeVulnerabilityDetectorTags", c.CodeVulnerabilityDetectorTags, fNone},
		{"codeVulnerabilityFilePath", c.CodeVulnerabilityFilePath, fNone},
		{"codeRepositoryProjectName", c.CodeRepositoryProjectName, fNone},
		{"codeRepositoryProviderType", c.CodeRepositoryProviderType, fNone},
	}
	for _, s := range strs {
		if checkStrings(p(s.name), s.list, v) && s.list != nil {
			m.strs = append(m.strs, newStrCond(s.fid, s.list))
		}
	}
	dates := []struct {
		name string
		list []DateFilter
		fid  fieldID
	}{
		{"firstObservedAt", c.FirstObservedAt, fFirst},
		{"lastObservedAt", c.LastObservedAt, fLast},
		{"updatedAt", c.UpdatedAt, fUpdated},
		{"ecrImagePushedAt", c.EcrImagePushedAt, fEcrPushed},
		{"ecrImageLastInUseAt", c.EcrImageLastInUseAt, fEcrLastInUse},
		{"lambdaFunctionLastModifiedAt", c.LambdaFunctionLastModifiedAt, fLambdaModified},
	}
	for _, d := range dates {
		if checkLen(p(d.name), d.list, v) && d.list != nil {
			m.ranges = append(m.ranges, dateCond(d.fid, d.list))
		}
	}
	nums := []struct {
		name string
		list []NumberFilter
		fid  fieldID
	}{
		{"inspectorScore", c.InspectorScore, fScore},
		{"ecrImageInUseCount", c.EcrImageInUseCount, fEcrInUse},
		{"epssScore", c.EpssScore, fNone},
	}
	for _, n := range nums {
		if checkLen(p(n.name), n.list, v) && n.list != nil {
			m.ranges = append(m.ranges, numCond(n.fid, n.list))
		}
	}
	if checkMaps(p("resourceTags"), c.ResourceTags, v) && c.ResourceTags != nil {
		m.maps = append(m.maps, mapCond{fTags, c.ResourceTags})
	}
	if checkLen(p("portRange"), c.PortRange, v) && c.PortRange != nil {
		ok := true
		pc := rangeCond{}
		for i, pr := range c.PortRange {
			lo, hi := 0, 65535
			if pr.BeginInclusive != nil {
				lo = *pr.BeginInclusive
			}
			if pr.EndInclusive != nil {
				hi = *pr.EndInclusive
			}
			for _, b := range []struct {
				n string
				x *int
			}{{"beginInclusive", pr.BeginInclusive}, {"endInclusive", pr.EndInclusive}} {
				if b.x != nil && (*b.x < 0 || *b.x > 65535) {
					v.rangeInt(p("portRange")+".member."+itoa(i+1)+"."+b.n, *b.x, 0, 65535)
					ok = false
				}
			}
			pc.lo, pc.hi = append(pc.lo, float64(lo)), append(pc.hi, float64(hi))
		}
		if ok {
			m.ports = append(m.ports, pc)
		}
	}
	if checkLen(p("vulnerablePackages"), c.VulnerablePackages, v) && c.VulnerablePackages != nil {
		for i, pf := range c.VulnerablePackages {
			base := p("vulnerablePackages") + ".member." + itoa(i+1)
			for _, sf := range []struct {
				n string
				f *StringFilter
			}{{"name", pf.Name}, {"version", pf.Version}, {"release", pf.Release}, {"architecture", pf.Architecture},
				{"sourceLayerHash", pf.SourceLayerHash}, {"sourceLambdaLayerArn", pf.SourceLambdaLayerArn}, {"filePath", pf.FilePath}} {
				if sf.f != nil {
					checkStringFilter(base+"."+sf.n, *sf.f, v)
				}
			}
		}
		m.pkgs = &pkgCond{filters: c.VulnerablePackages}
	}
	return m
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func enumStrings[T ~string](vals []T) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	return out
}

// enumMask evaluates a field's entries on every enum value; "" stands for
// findings without a value.
func enumMask(list []StringFilter, names []string) enumSet {
	c := newStrCond(fNone, list)
	var m matcher
	set := enumSet(0)
	for i, n := range names {
		values := []string{n}
		if n == "" {
			values = nil
		}
		if m.strMatch(&c, values) {
			set |= 1 << i
		}
	}
	// Values the enum does not have (the unused high bits) never match.
	return set
}

func newStrCond(fid fieldID, list []StringFilter) strCond {
	c := strCond{field: fid}
	for _, e := range list {
		if e.Comparison == StringComparisonNotEquals {
			c.neg = append(c.neg, e.Value)
		} else {
			c.pos = append(c.pos, e)
		}
	}
	return c
}

func numBounds(n *NumberFilter) (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if n.LowerInclusive != nil {
		lo = *n.LowerInclusive
	}
	if n.UpperInclusive != nil {
		hi = *n.UpperInclusive
	}
	return lo, hi
}

func numCond(fid fieldID, list []NumberFilter) rangeCond {
	c := rangeCond{field: fid}
	for i := range list {
		lo, hi := numBounds(&list[i])
		c.lo, c.hi = append(c.lo, lo), append(c.hi, hi)
	}
	return c
}

func dateCond(fid fieldID, list []DateFilter) rangeCond {
	c := rangeCond{field: fid, dates: true}
	for _, d := range list {
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if d.StartInclusive != nil {
			lo = unixNanos(*d.StartInclusive)
		}
		if d.EndInclusive != nil {
			hi = unixNanos(*d.EndInclusive)
		}
		c.dlo, c.dhi = append(c.dlo, lo), append(c.dhi, hi)
	}
	return c
}

// unixNanos converts a time to unix nanoseconds, saturating outside the
// range int64 can hold.
func unixNanos(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// checkLen validates a filter list's length (1..10 when given).
func checkLen[T any](name string, list []T, v *fieldErrors) bool {
	if list == nil {
		return true
	}
	if len(list) < 1 || len(list) > 10 {
		v.listLength(name, len(list), 1, 10)
		return false
	}
	return true
}

func checkStrings(name string, list []StringFilter, v *fieldErrors) bool {
	if !checkLen(name, list, v) {
		return false
	}
	ok := true
	for i, e := range list {
		if !checkStringFilter(name+".member."+itoa(i+1), e, v) {
			ok = false
		}
	}
	return ok
}

func checkStringFilter(name string, e StringFilter, v *fieldErrors) bool {
	ok := true
	switch e.Comparison {
	case StringComparisonEquals, StringComparisonPrefix, StringComparisonNotEquals:
	case "":
		v.required(name + ".comparison")
		ok = false
	default:
		v.enum(name+".comparison", string(e.Comparison), enumStrings(StringComparison("").Values()))
		ok = false
	}
	if len(e.Value) < 1 || len(e.Value) > 1024 {
		v.length(name+".value", e.Value, 1, 1024)
		ok = false
	}
	return ok
}

func checkMaps(name string, list []MapFilter, v *fieldErrors) bool {
	if !checkLen(name, list, v) {
		return false
	}
	ok := true
	for i, e := range list {
		n := name + ".member." + itoa(i+1)
		if e.Comparison != MapComparisonEquals {
			if e.Comparison == "" {
				v.required(n + ".comparison")
			} else {
				v.enum(n+".comparison", string(e.Comparison), enumStrings(MapComparison("").Values()))
			}
			ok = false
		}
		if len(e.Key) < 1 || len(e.Key) > 128 {
			v.length(n+".key", e.Key, 1, 128)
			ok = false
		}
		if len(e.Value) > 256 {
			v.length(n+".value", e.Value, 0, 256)
			ok = false
		}
	}
	return ok
}
