package inspector

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// Coverage: the resources Inspector scans, one entry per registered
// resource of a scan type that is ENABLING, ENABLED or DISABLING in its
// account, plus one AWS_ECR_REPOSITORY entry per repository holding such
// images. Scan status: ACTIVE/PENDING_INITIAL_SCAN until the first scan,
// ACTIVE/SUCCESSFUL after it, INACTIVE with the reason when the resource
// cannot be scanned (UNSUPPORTED_OS, UNMANAGED_EC2_INSTANCE,
// UNSUPPORTED_RUNTIME), INACTIVE/PENDING_DISABLE while its type is
// DISABLING. The delegated administrator sees its members' coverage too.

func (r *region) coverage(accts []*account) []CoveredResource {
	var out []CoveredResource
	for _, a := range accts {
		repos := map[string]*CoveredResource{}
		for _, res := range sortedResources(a.resources) {
			if res.removedAt != 0 {
				continue
			}
			st := a.types[res.scanType()].status
			var status ScanStatus
			switch {
			case st == StatusDisabling:
				status = ScanStatus{StatusCode: ScanStatusCodeInactive, Reason: ScanStatusReasonPendingDisable}
			case st == StatusEnabling || st == StatusEnabled && !res.scanned:
				status = ScanStatus{StatusCode: ScanStatusCodeActive, Reason: ScanStatusReasonPendingInitialScan}
			case st == StatusEnabled && res.status == ScanStatusReasonSuccessful:
				status = ScanStatus{StatusCode: ScanStatusCodeActive, Reason: ScanStatusReasonSuccessful}
			case st == StatusEnabled:
				status = ScanStatus{StatusCode: ScanStatusCodeInactive, Reason: res.status}
			default:
				continue
			}
			cr := CoveredResource{ResourceID: res.id, AccountID: a.id, ScanType: ScanTypePackage, ScanStatus: &status,
				LastScannedAt: unixTime(res.lastScan), ResourceMetadata: &ResourceScanMetadata{}}
			switch res.rt {
			case rtEC2:
				i := res.ec2
				cr.ResourceType = CoverageResourceTypeAwsEc2Instance
				cr.ScanMode = ScanModeEc2SsmAgentBased
				cr.ResourceMetadata.Ec2 = &Ec2Metadata{Tags: cloneTags(i.Tags), AmiID: i.ImageID, Platform: ec2Platform(i.Platform)}
			case rtECRImage:
				img := res.img
				cr.ResourceType = CoverageResourceTypeAwsEcrContainerImage
				md := &EcrContainerImageMetadata{Tags: slices.Clone(img.Tags), LastInUseAt: img.LastInUseAt.UTC()}
				if img.InUseCount != 0 {
					n := img.InUseCount
					md.InUseCount = &n
				}
				cr.ResourceMetadata.EcrImage = md
				repoID := "arn:" + r.s.partition + ":ecr:" + r.name + ":" + img.Registry + ":repository/" + img.RepositoryName
				repo := repos[repoID]
				if repo == nil {
					repo = &CoveredResource{ResourceType: CoverageResourceTypeAwsEcrRepository, ResourceID: repoID, AccountID: a.id,
						ScanType: ScanTypePackage, ScanStatus: &ScanStatus{StatusCode: status.StatusCode, Reason: status.Reason},
						ResourceMetadata: &ResourceScanMetadata{EcrRepository: &EcrRepositoryMetadata{Name: img.RepositoryName,
							ScanFrequency: EcrScanFrequencyContinuousScan}}}
					repos[repoID] = repo
				}
				if cr.LastScannedAt.After(repo.LastScannedAt) {
					repo.LastScannedAt = cr.LastScannedAt
				}
				if status.Reason == ScanStatusReasonSuccessful {
					repo.ScanStatus = &ScanStatus{StatusCode: ScanStatusCodeActive, Reason: ScanStatusReasonSuccessful}
				}
			case rtLambda:
				fn := res.fn
				cr.ResourceType = CoverageResourceTypeAwsLambdaFunction
				md := &LambdaFunctionMetadata{FunctionTags: cloneTags(fn.Tags), FunctionName: fn.FunctionName, Runtime: fn.Runtime}
				for _, l := range fn.Layers {
					md.Layers = append(md.Layers, l.Arn)
				}
				cr.ResourceMetadata.LambdaFunction = md
			}
			out = append(out, cr)
		}
		for _, repo := range repos {
			out = append(out, *repo)
		}
	}
	slices.SortFunc(out, func(a, b CoveredResource) int {
		return cmp.Or(strings.Compare(a.AccountID, b.AccountID), strings.Compare(a.ResourceID, b.ResourceID))
	})
	return out
}

// coverageMatcher is a compiled CoverageFilterCriteria.
type coverageMatcher struct {
	strs  []coverageStrCond
	maps  []coverageMapCond
	dates []coverageDateCond
	nums  []coverageNumCond
}

type coverageStrCond struct {
	get func(*CoveredResource) []string
	c   strCond
}

type coverageMapCond struct {
	get func(*CoveredResource) map[string]string
	kv  []CoverageMapFilter
}

type coverageDateCond struct {
	get    func(*CoveredResource) int64
	lo, hi []int64
}

type coverageNumCond struct {
	get    func(*CoveredResource) (int64, bool)
	lo, hi []int64
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func compileCoverage(c *CoverageFilterCriteria, v *fieldErrors) *coverageMatcher {
	m := &coverageMatcher{}
	if c == nil {
		return m
	}
	md := func(cr *CoveredResource) *ResourceScanMetadata {
		if cr.ResourceMetadata == nil {
			return &ResourceScanMetadata{}
		}
		return cr.ResourceMetadata
	}
	strs := []struct {
		name string
		list []CoverageStringFilter
		get  func(*CoveredResource) []string
	}{
		{"scanStatusCode", c.ScanStatusCode, func(cr *CoveredResource) []string { return one(string(cr.ScanStatus.StatusCode)) }},
		{"scanStatusReason", c.ScanStatusReason, func(cr *CoveredResource) []string { return one(string(cr.ScanStatus.Reason)) }},
		{"accountId", c.AccountID, func(cr *CoveredResource) []string { return one(cr.AccountID) }},
		{"resourceId", c.ResourceID, func(cr *CoveredResource) []string { return one(cr.ResourceID) }},
		{"resourceType", c.ResourceType, func(cr *CoveredResource) []string { return one(string(cr.ResourceType)) }},
		{"scanType", c.ScanType, func(cr *CoveredResource) []string { return one(string(cr.ScanType)) }},
		{"ecrRepositoryName", c.EcrRepositoryName, func(cr *CoveredResource) []string {
			if r := md(cr).EcrRepository; r != nil {
				return one(r.Name)
			}
			if cr.ResourceType == CoverageResourceTypeAwsEcrContainerImage {
				if i := strings.Index(cr.ResourceID, ":repository/"); i >= 0 {
					rest := cr.ResourceID[i+len(":repository/"):]
					if j := strings.LastIndex(rest, "/sha256:"); j >= 0 {
						return one(rest[:j])
					}
				}
			}
			return nil
		}},
		{"ecrImageTags", c.EcrImageTags, func(cr *CoveredResource) []string {
			if i := md(cr).EcrImage; i != nil {
				return i.Tags
			}
			return nil
		}},
		{"lambdaFunctionName", c.LambdaFunctionName, func(cr *CoveredResource) []string {
			if l := md(cr).LambdaFunction; l != nil {
				return one(l.FunctionName)
			}
			return nil
		}},
		{"lambdaFunctionRuntime", c.LambdaFunctionRuntime, func(cr *CoveredResource) []string {
			if l := md(cr).LambdaFunction; l != nil {
				return one(string(l.Runtime))
			}
			return nil
		}},
		{"scanMode", c.ScanMode, func(cr *CoveredResource) []string { return one(string(cr.ScanMode)) }},
		{"codeRepositoryProjectName", c.CodeRepositoryProjectName, func(*CoveredResource) []string { return nil }},
		{"codeRepositoryProviderType", c.CodeRepositoryProviderType, func(*CoveredResource) []string { return nil }},
		{"codeRepositoryProviderTypeVisibility", c.CodeRepositoryProviderTypeVisibility, func(*CoveredResource) []string { return nil }},
		{"lastScannedCommitId", c.LastScannedCommitID, func(*CoveredResource) []string { return nil }},
	}
	for _, s := range strs {
		name := "filterCriteria." + s.name
		if !checkLen(name, s.list, v) || s.list == nil {
			continue
		}
		sc := strCond{}
		for i, e := range s.list {
			n := name + ".member." + itoa(i+1)
			switch e.Comparison {
			case CoverageStringComparisonEquals:
				sc.pos = append(sc.pos, StringFilter{Comparison: StringComparisonEquals, Value: e.Value})
			case CoverageStringComparisonNotEquals:
				sc.neg = append(sc.neg, e.Value)
			case "":
				v.required(n + ".comparison")
			default:
				v.enum(n+".comparison", string(e.Comparison), enumStrings(e.Comparison.Values()))
			}
			if len(e.Value) < 1 || len(e.Value) > 1024 {
				v.length(n+".value", e.Value, 1, 1024)
			}
		}
		m.strs = append(m.strs, coverageStrCond{get: s.get, c: sc})
	}
	maps := []struct {
		name string
		list []CoverageMapFilter
		get  func(*CoveredResource) map[string]string
	}{
		{"ec2InstanceTags", c.Ec2InstanceTags, func(cr *CoveredResource) map[string]string {
			if e := md(cr).Ec2; e != nil {
				return e.Tags
			}
			return nil
		}},
		{"lambdaFunctionTags", c.LambdaFunctionTags, func(cr *CoveredResource) map[string]string {
			if l := md(cr).LambdaFunction; l != nil {
				return l.FunctionTags
			}
			return nil
		}},
	}
	for _, mp := range maps {
		name := "filterCriteria." + mp.name
		if !checkLen(name, mp.list, v) || mp.list == nil {
			continue
		}
		for i, e := range mp.list {
			n := name + ".member." + itoa(i+1)
			if e.Comparison != CoverageMapComparisonEquals {
				if e.Comparison == "" {
					v.required(n + ".comparison")
				} else {
					v.enum(n+".comparison", string(e.Comparison), enumStrings(e.Comparison.Values()))
				}
			}
			if e.Key == "" {
				v.length(n+".key", e.Key, 1, 0)
			}
		}
		m.maps = append(m.maps, coverageMapCond{get: mp.get, kv: mp.list})
	}
	dates := []struct {
		name string
		list []CoverageDateFilter
		get  func(*CoveredResource) int64
	}{
		{"lastScannedAt", c.LastScannedAt, func(cr *CoveredResource) int64 {
			if cr.LastScannedAt.IsZero() {
				return 0
			}
			return cr.LastScannedAt.UnixNano()
		}},
		{"imagePulledAt", c.ImagePulledAt, func(*CoveredResource) int64 { return 0 }},
		{"ecrImageLastInUseAt", c.EcrImageLastInUseAt, func(cr *CoveredResource) int64 {
			if i := md(cr).EcrImage; i != nil && !i.LastInUseAt.IsZero() {
				return i.LastInUseAt.UnixNano()
			}
			return 0
		}},
	}
	for _, d := range dates {
		if !checkLen("filterCriteria."+d.name, d.list, v) || d.list == nil {
			continue
		}
		dc := coverageDateCond{get: d.get}
		for _, e := range d.list {
			lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
			if e.StartInclusive != nil {
				lo = unixNanos(*e.StartInclusive)
			}
			if e.EndInclusive != nil {
				hi = unixNanos(*e.EndInclusive)
			}
			dc.lo, dc.hi = append(dc.lo, lo), append(dc.hi, hi)
		}
		m.dates = append(m.dates, dc)
	}
	if checkLen("filterCriteria.ecrImageInUseCount", c.EcrImageInUseCount, v) && c.EcrImageInUseCount != nil {
		nc := coverageNumCond{get: func(cr *CoveredResource) (int64, bool) {
			if i := md(cr).EcrImage; i != nil {
				if i.InUseCount != nil {
					return *i.InUseCount, true
				}
				return 0, true
			}
			return 0, false
		}}
		for _, e := range c.EcrImageInUseCount {
			lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
			if e.LowerInclusive != nil {
				lo = *e.LowerInclusive
			}
			if e.UpperInclusive != nil {
				hi = *e.UpperInclusive
			}
			nc.lo, nc.hi = append(nc.lo, lo), append(nc.hi, hi)
		}
		m.nums = append(m.nums, nc)
	}
	return m
}

func (m *coverageMatcher) match(cr *CoveredResource) bool {
	var x matcher
	for i := range m.strs {
		if !x.strMatch(&m.strs[i].c, m.strs[i].get(cr)) {
			return false
		}
	}
	for _, mc := range m.maps {
		tags, ok := mc.get(cr), false
		for _, kv := range mc.kv {
			if val, has := tags[kv.Key]; has && (kv.Value == "" || val == kv.Value) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	for _, dc := range m.dates {
		t, ok := dc.get(cr), false
		for i := range dc.lo {
			if t != 0 && dc.lo[i] <= t && t <= dc.hi[i] {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	for _, nc := range m.nums {
		n, has := nc.get(cr)
		ok := false
		for i := range nc.lo {
			if has && nc.lo[i] <= n && n <= nc.hi[i] {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// ListCoverage lists covered resources, filtered, in (account, resource id)
// order. maxResults is 1..200 (default 200).
func (s *Service) ListCoverage(caller *authz.Principal, region string, in *ListCoverageRequest) (*ListCoverageResponse, error) {
	if in == nil {
		in = &ListCoverageRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	limit := pageSize(&v, "maxResults", in.MaxResults, 1, 200, 200)
	m := compileCoverage(in.FilterCriteria, &v)
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.FilterCriteria)
	var after *CoveredResource
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListCoverage", h)
		if err != nil {
			return nil, err
		}
		after = &CoveredResource{AccountID: t.A, ResourceID: t.I}
	}
	if err := s.authorize(caller, check("ListCoverage")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &ListCoverageResponse{}
	for _, cr := range r.coverage(r.visible(caller.Account)) {
		if after != nil && cmp.Or(strings.Compare(cr.AccountID, after.AccountID), strings.Compare(cr.ResourceID, after.ResourceID)) <= 0 {
			continue
		}
		if !m.match(&cr) {
			continue
		}
		if len(out.CoveredResources) == limit {
			last := out.CoveredResources[limit-1]
			out.NextToken = encodeToken(pageToken{Op: "ListCoverage", H: h, A: last.AccountID, I: last.ResourceID})
			break
		}
		out.CoveredResources = append(out.CoveredResources, cr)
	}
	return out, nil
}

// coverageGroupsPerPage is the most countsByGroup entries a page holds (the
// model's CountsList has at most 5).
const coverageGroupsPerPage = 5

// ListCoverageStatistics counts covered resources matching the filter,
// grouped by groupBy when given (groups in key order, five per page).
func (s *Service) ListCoverageStatistics(caller *authz.Principal, region string, in *ListCoverageStatisticsRequest) (*ListCoverageStatisticsResponse, error) {
	if in == nil {
		in = &ListCoverageStatisticsRequest{}
	}
	r, err := s.regionFor(caller, region)
	if err != nil {
		return nil, err
	}
	var v fieldErrors
	m := compileCoverage(in.FilterCriteria, &v)
	if in.GroupBy != "" && !slices.Contains(in.GroupBy.Values(), in.GroupBy) {
		v.enum("groupBy", string(in.GroupBy), enumStrings(in.GroupBy.Values()))
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	h := fingerprint(in.FilterCriteria, in.GroupBy)
	after := ""
	if in.NextToken != "" {
		t, err := decodeToken(in.NextToken, "ListCoverageStatistics", h)
		if err != nil {
			return nil, err
		}
		after = t.S
	}
	if err := s.authorize(caller, check("ListCoverageStatistics")); err != nil {
		return nil, err
	}
	if _, err := s.lock(); err != nil {
		return nil, err
	}
	defer s.unlock()
	out := &ListCoverageStatisticsResponse{}
	groups := map[string]int64{}
	for _, cr := range r.coverage(r.visible(caller.Account)) {
		if !m.match(&cr) {
			continue
		}
		out.TotalCounts++
		key := ""
		switch in.GroupBy {
		case GroupKeyScanStatusCode:
			key = string(cr.ScanStatus.StatusCode)
		case GroupKeyScanStatusReason:
			key = string(cr.ScanStatus.Reason)
		case GroupKeyAccountId:
			key = cr.AccountID
		case GroupKeyResourceType:
			key = string(cr.ResourceType)
		case GroupKeyEcrRepositoryName:
			if md := cr.ResourceMetadata; md != nil && md.EcrRepository != nil {
				key = md.EcrRepository.Name
			} else {
				continue
			}
		default:
			continue
		}
		groups[key]++
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		if after == "" || k > after {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) > coverageGroupsPerPage {
		keys = keys[:coverageGroupsPerPage]
		out.NextToken = encodeToken(pageToken{Op: "ListCoverageStatistics", H: h, S: keys[len(keys)-1]})
	}
	for _, k := range keys {
		out.CountsByGroup = append(out.CountsByGroup, Counts{Count: groups[k], GroupKey: k})
	}
	return out, nil
}
