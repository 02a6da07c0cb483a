package inspector

import (
	"bytes"
	"cmp"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// ListFindings lists the findings the caller may see, filtered, sorted and
// paginated.
//
// A delegated administrator sees its own findings and those of every
// associated member; any other account sees its own. Without findingStatus
// in the filter, findings of every status are listed. Without
// sortCriteria, findings come in finding ARN order; with it, ties are
// broken by finding ARN. Severity sorts by rank (UNTRIAGED, INFORMATIONAL,
// LOW, MEDIUM, HIGH, CRITICAL); findings without the sort field's value
// sort before those with one in ascending order. maxResults is 1..100
// (default 100).
func (s *Service) ListFindings(caller *authz.Principal, region string, in *ListFindingsRequest) (*ListFindingsResponse, error) {
	if in == nil {
		in = &ListFindingsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 100, 100)
	m := compileCriteria(in.FilterCriteria, "filterCriteria", &v)
	order := findingOrder{}
	if sc := in.SortCriteria; sc != nil {
		if sc.Field == "" {
			v.required("sortCriteria.field")
		} else if !slices.Contains(sc.Field.Values(), sc.Field) {
			v.enum("sortCriteria.field", string(sc.Field), enumStrings(sc.Field.Values()))
		}
		if sc.SortOrder == "" {
			v.required("sortCriteria.sortOrder")
		} else if sc.SortOrder != SortOrderAsc && sc.SortOrder != SortOrderDesc {
			v.enum("sortCriteria.sortOrder", string(sc.SortOrder), enumStrings(sc.SortOrder.Values()))
		}
		order = findingOrder{field: sc.Field, desc: sc.SortOrder == SortOrderDesc}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.FilterCriteria, in.SortCriteria)
	var after *cand
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListFindings", h)
		if err != nil {
			return nil, err
		}
		after = &cand{k: sortKey{n: t.N, t: t.T, s: t.S, has: t.P}, acct: t.A}
		if id, err := hex.DecodeString(t.I); err != nil || len(id) != 16 {
			return nil, validationOther("The nextToken is invalid.")
		} else {
			copy(after.id[:], id)
		}
	}
	if err := s.authorize(caller, check("ListFindings")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()

	top := topK{order: order, k: limit + 1}
	only, restricted := m.onlyAccounts()
	for _, a := range r.visible(caller.Account) {
		if restricted && !only[a.id] || !m.accountOK(a.id) {
			continue
		}
		for i, b := range a.bits {
			if !m.bitsOK(b) {
				continue
			}
			f := a.fs[i]
			if !m.rest(f) {
				continue
			}
			c := cand{k: order.key(f), acct: a.id, id: f.id, f: f}
			if after != nil && order.compare(&c, after) <= 0 {
				continue
			}
			top.push(c)
		}
	}
	page := top.sorted()
	out := &ListFindingsResponse{}
	if len(page) > limit {
		page = page[:limit]
		last := page[limit-1]
		out.NextToken = encodeToken(pageToken{Op: "ListFindings", H: h, N: last.k.n, T: last.k.t, S: last.k.s, P: last.k.has,
			A: last.acct, I: hex.EncodeToString(last.id[:])})
	}
	for _, c := range page {
		out.Findings = append(out.Findings, r.output(c.f))
	}
	return out, nil
}

// sortKey is a finding's value for a sort field.
type sortKey struct {
	n   float64
	t   int64
	s   string
	has bool
}

type cand struct {
	k    sortKey
	acct string
	id   [16]byte
	f    *finding
}

type findingOrder struct {
	field SortField
	desc  bool
}

// severityRank orders severities for sorting.
var severityRank = [numSeverities]float64{sevInformational: 1, sevLow: 2, sevMedium: 3, sevHigh: 4, sevCritical: 5, sevUntriaged: 0}

func (o findingOrder) key(f *finding) sortKey {
	str := func(s string) sortKey { return sortKey{s: s, has: s != ""} }
	num := func(n float64) sortKey { return sortKey{n: n, has: true} }
	date := func(t int64) sortKey { return sortKey{t: t, has: t != 0} }
	switch o.field {
	case "":
		return sortKey{}
	case SortFieldAwsAccountId:
		return str(f.acct.id)
	case SortFieldFindingType:
		return str(string(findingTypeNames[f.typ]))
	case SortFieldSeverity:
		return num(severityRank[f.sev])
	case SortFieldFirstObservedAt:
		return date(f.first)
	case SortFieldLastObservedAt:
		return date(f.last)
	case SortFieldFindingStatus:
		return str(string(statusNames[f.effStatus()]))
	case SortFieldResourceType:
		return str(string(resourceTypeNames[f.res.rt]))
	case SortFieldEcrImagePushedAt:
		if f.res.img != nil {
			return date(unixNanos(f.res.img.PushedAt))
		}
	case SortFieldEcrImageRepositoryName:
		if f.res.img != nil {
			return str(f.res.img.RepositoryName)
		}
	case SortFieldEcrImageRegistry:
		if f.res.img != nil {
			return str(f.res.img.Registry)
		}
	case SortFieldNetworkProtocol:
		switch f.proto() {
		case protoTCP:
			return str("TCP")
		case protoUDP:
			return str("UDP")
		}
	case SortFieldComponentType:
		if f.net != nil {
			return str(f.net.steps()[0].ComponentType)
		}
	case SortFieldVulnerabilityId:
		if f.vp != nil {
			return str(f.vp.v.id)
		}
	case SortFieldVulnerabilitySource:
		if f.vp != nil {
			return str(f.vp.v.source)
		}
	case SortFieldInspectorScore:
		if f.hasScore {
			return num(f.score)
		}
	case SortFieldVendorSeverity:
		if f.vp != nil {
			return str(f.vp.v.vendorSev)
		}
	}
	return sortKey{}
}

func compareKeys(a, b *sortKey) int {
	if a.has != b.has {
		if a.has {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.t, b.t), strings.Compare(a.s, b.s))
}

// compare orders candidates: by key in the requested order, then by
// finding ARN ascending (account, then id).
func (o findingOrder) compare(a, b *cand) int {
	c := compareKeys(&a.k, &b.k)
	if o.desc {
		c = -c
	}
	if c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(a.acct, b.acct), bytes.Compare(a.id[:], b.id[:]))
}

// topK keeps the k smallest candidates in a max-heap.
type topK struct {
	order findingOrder
	k     int
	h     []cand
}

func (t *topK) less(i, j int) bool { return t.order.compare(&t.h[i], &t.h[j]) > 0 } // max-heap

func (t *topK) push(c cand) {
	if len(t.h) < t.k {
		t.h = append(t.h, c)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !t.less(i, p) {
				break
			}
			t.h[i], t.h[p] = t.h[p], t.h[i]
			i = p
		}
		return
	}
	if t.order.compare(&c, &t.h[0]) >= 0 {
		return
	}
	t.h[0] = c
	for i := 0; ; {
		l, r, big := 2*i+1, 2*i+2, i
		if l < len(t.h) && t.less(l, big) {
			big = l
		}
		if r < len(t.h) && t.less(r, big) {
			big = r
		}
		if big == i {
			break
		}
		t.h[i], t.h[big] = t.h[big], t.h[i]
		i = big
	}
}

func (t *topK) sorted() []cand {
	slices.SortFunc(t.h, func(a, b cand) int { return t.order.compare(&a, &b) })
	return t.h
}

// Output.

const componentInternetGateway = "AWS::EC2::InternetGateway"

func (n *netInfo) steps() []Step {
	var st []Step
	if n.igw != "" {
		st = append(st, Step{ComponentID: n.igw, ComponentType: componentInternetGateway})
	}
	if n.acl != "" {
		st = append(st, Step{ComponentID: n.acl, ComponentType: "AWS::EC2::NetworkAcl"})
	}
	if n.sg != "" {
		st = append(st, Step{ComponentID: n.sg, ComponentType: "AWS::EC2::SecurityGroup"})
	}
	if n.eni != "" {
		st = append(st, Step{ComponentID: n.eni, ComponentType: "AWS::EC2::NetworkInterface"})
	}
	return append(st, Step{ComponentID: n.instance, ComponentType: "AWS::EC2::Instance"})
}

func (n *netInfo) protoName() NetworkProtocol {
	if n.proto == protoUDP {
		return NetworkProtocolUdp
	}
	return NetworkProtocolTcp
}

// makeTitle words the title as AWS does: "Port 22 is reachable from an
// Internet Gateway - TCP", or "Port range 1000 - 2000 ..." for a range.
func (n *netInfo) makeTitle() string {
	if n.begin == n.end {
		return "Port " + strconv.Itoa(n.begin) + " is reachable from an Internet Gateway - " + string(n.protoName())
	}
	return "Port range " + strconv.Itoa(n.begin) + " - " + strconv.Itoa(n.end) + " is reachable from an Internet Gateway - " + string(n.protoName())
}

func (n *netInfo) title() string {
	if n.ttl == "" {
		return n.makeTitle()
	}
	return n.ttl
}

func (n *netInfo) description() string {
	var b strings.Builder
	b.WriteString("On the instance ")
	b.WriteString(n.instance)
	b.WriteString(", the port range ")
	b.WriteString(strconv.Itoa(n.begin))
	b.WriteString("-")
	b.WriteString(strconv.Itoa(n.end))
	b.WriteString(" is reachable from the InternetGateway")
	if n.igw != "" {
		b.WriteString(" " + n.igw)
	}
	if n.eni != "" {
		b.WriteString(" from an attached ENI " + n.eni)
	}
	b.WriteString(".")
	return b.String()
}

// remediation commands per package manager, as Inspector words them.
func pkgRemediation(im *instMatch, eco string) string {
	if im.fixedIn == "" {
		return ""
	}
	if !im.osPkg {
		return "Upgrade " + im.p.Name + " to version " + im.fixedIn + " or later."
	}
	switch {
	case strings.HasPrefix(eco, "Debian"), strings.HasPrefix(eco, "Ubuntu"):
		return "apt-get update && apt-get upgrade"
	case strings.HasPrefix(eco, "Alpine"):
		return "apk upgrade " + im.p.Name
	}
	return "yum update " + im.p.Name
}

func (r *region) output(f *finding) Finding {
	out := Finding{
		FindingArn:      f.arn(r.s.partition, r.name),
		AwsAccountID:    f.acct.id,
		Type:            findingTypeNames[f.typ],
		Title:           f.title(),
		Severity:        severityNames[f.sev],
		Status:          statusNames[f.effStatus()],
		FirstObservedAt: unixTime(f.first),
		LastObservedAt:  unixTime(f.last),
		UpdatedAt:       unixTime(f.updated),
		Resources:       []Resource{r.resourceOut(f.res)},
	}
	if n := f.net; n != nil {
		out.Description = n.description()
		out.Remediation = &Remediation{Recommendation: &Recommendation{
			Text: "You can restrict access to your instance by modifying the Security Groups or ACLs in the network path."}}
		out.NetworkReachabilityDetails = &NetworkReachabilityDetails{
			OpenPortRange: &PortRange{Begin: n.begin, End: n.end},
			Protocol:      n.protoName(),
			NetworkPath:   &NetworkPath{Steps: n.steps()},
		}
		return out
	}
	v := f.vp.v
	out.Description = v.desc
	out.Remediation = &Remediation{Recommendation: &Recommendation{Text: "None Provided"}}
	out.FixAvailable = fixNames[f.fix]
	out.ExploitAvailable = exploitNames[f.exploit]
	details := &PackageVulnerabilityDetails{
		VulnerabilityID:        v.id,
		Source:                 v.source,
		SourceURL:              v.sourceURL,
		RelatedVulnerabilities: slices.Clone(v.related),
		VendorSeverity:         v.vendorSev,
		VendorCreatedAt:        v.created,
		VendorUpdatedAt:        v.updated,
		ReferenceUrls:          slices.Clone(v.refs),
	}
	if v.hasScore {
		details.Cvss = []CvssScore{{BaseScore: v.score, ScoringVector: v.vector, Version: v.version, Source: v.source}}
		score := f.score
		out.InspectorScore = &score
		adj := &CvssScoreDetails{ScoreSource: v.source, CvssSource: v.source, Version: v.version, Score: f.score, ScoringVector: v.vector}
		if f.adjusted {
			adj.ScoringVector = v.adjVector
			adj.Adjustments = []CvssScoreAdjustment{{Metric: "AV",
				Reason: "There is no open network path from the internet to the instance: attack vector lowered from NETWORK to ADJACENT_NETWORK"}}
		}
		out.InspectorScoreDetails = &InspectorScoreDetails{AdjustedCvss: adj}
	}
	eco := ""
	if p := r.platformOf(f.res); p != "" {
		e, _ := osEcosystem(p)
		eco = string(e)
	}
	for i := range f.inst {
		im := &f.inst[i]
		vp := VulnerablePackage{
			Name: im.p.Name, Version: im.p.Version, Epoch: im.p.Epoch, Release: im.p.Release, Arch: im.p.Arch,
			PackageManager: im.p.PackageManager, FilePath: im.p.FilePath,
			SourceLayerHash: im.layer, SourceLambdaLayerArn: im.lambdaLayer,
			FixedInVersion: "NotAvailable",
			Remediation:    pkgRemediation(im, eco),
		}
		if vp.PackageManager == "" {
			vp.PackageManager = PackageManagerOs
		}
		if im.fixedIn != "" {
			vp.FixedInVersion = im.fixedIn
			if im.osPkg && !strings.Contains(im.fixedIn, ":") {
				vp.FixedInVersion = "0:" + im.fixedIn
			}
		}
		details.VulnerablePackages = append(details.VulnerablePackages, vp)
	}
	out.PackageVulnerabilityDetails = details
	return out
}

func (r *region) platformOf(res *resource) string {
	switch {
	case res.ec2 != nil:
		return res.ec2.Platform
	case res.img != nil:
		return res.img.Platform
	}
	return ""
}

func (r *region) resourceOut(res *resource) Resource {
	out := Resource{ID: res.id, Type: resourceTypeNames[res.rt], Partition: r.s.partition, Region: r.name}
	switch {
	case res.ec2 != nil:
		i := res.ec2
		out.Tags = cloneTags(i.Tags)
		out.Details = &ResourceDetails{AwsEc2Instance: &AwsEc2InstanceDetails{
			Type: i.InstanceType, ImageID: i.ImageID, IPV4Addresses: slices.Clone(i.IPV4Addresses),
			IPV6Addresses: slices.Clone(i.IPV6Addresses), KeyName: i.KeyName, IamInstanceProfileArn: i.IamInstanceProfileArn,
			VpcID: i.VpcID, SubnetID: i.SubnetID, LaunchedAt: i.LaunchedAt.UTC(), Platform: i.Platform,
		}}
	case res.img != nil:
		img := res.img
		d := &AwsEcrContainerImageDetails{
			RepositoryName: img.RepositoryName, ImageTags: slices.Clone(img.Tags), PushedAt: img.PushedAt.UTC(),
			Author: img.Author, Architecture: img.Architecture, ImageHash: img.Digest, Registry: img.Registry,
			Platform: img.Platform, LastInUseAt: img.LastInUseAt.UTC(),
		}
		if img.InUseCount != 0 {
			n := img.InUseCount
			d.InUseCount = &n
		}
		out.Details = &ResourceDetails{AwsEcrContainerImage: d}
	case res.fn != nil:
		fn := res.fn
		d := &AwsLambdaFunctionDetails{
			FunctionName: fn.FunctionName, Runtime: fn.Runtime, CodeSha256: fn.CodeSha256, Version: fn.Version,
			ExecutionRoleArn: fn.ExecutionRoleArn, PackageType: fn.PackageType, LastModifiedAt: fn.LastModifiedAt.UTC(),
		}
		if d.Version == "" {
			d.Version = "$LATEST"
		}
		if fn.Architecture != "" {
			d.Architectures = []Architecture{fn.Architecture}
		}
		for _, l := range fn.Layers {
			d.Layers = append(d.Layers, l.Arn)
		}
		out.Tags = cloneTags(fn.Tags)
		out.Details = &ResourceDetails{AwsLambdaFunction: d}
	}
	return out
}

func cloneTags(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
