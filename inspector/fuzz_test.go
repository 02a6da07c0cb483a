package inspector_test

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

var (
	fuzzOnce  sync.Once
	fuzzWorld *world
)

func sharedListingWorld(t testing.TB) *world {
	fuzzOnce.Do(func() { fuzzWorld = listingWorld(t) })
	return fuzzWorld
}

// asServiceError fails unless err is nil or an *inspector.Error of a
// client-side kind.
func asServiceError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var e *inspector.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is not *inspector.Error", err, err)
	}
	if e.Status >= 500 {
		t.Fatalf("server error for client input: %v", err)
	}
}

// FuzzNextToken: any nextToken is either accepted or rejected with a
// ValidationException, by every paginated operation.
func FuzzNextToken(f *testing.F) {
	w := sharedListingWorld(f)
	page, _ := w.svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{MaxResults: 1})
	f.Add(page.NextToken)
	agg, _ := w.svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{AggregationType: "TITLE", MaxResults: 1})
	f.Add(agg.NextToken)
	f.Add("")
	f.Add("eyJvIjoiTGlzdEZpbmRpbmdzIiwiaCI6MH0")
	f.Fuzz(func(t *testing.T, token string) {
		_, err := w.svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{NextToken: token, MaxResults: 3})
		asServiceError(t, err)
		_, err = w.svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{AggregationType: "TITLE", NextToken: token})
		asServiceError(t, err)
		_, err = w.svc.ListCoverage(root(admin), region, &inspector.ListCoverageRequest{NextToken: token})
		asServiceError(t, err)
		_, err = w.svc.ListMembers(root(admin), region, &inspector.ListMembersRequest{NextToken: token})
		asServiceError(t, err)
		_, err = w.svc.ListFilters(root(admin), region, &inspector.ListFiltersRequest{NextToken: token})
		asServiceError(t, err)
	})
}

// FuzzFilterCriteria: any JSON the wire layer could decode into
// FilterCriteria is validated without panicking, and criteria that are
// accepted by ListFindings are accepted by CreateFilter, whose rule then
// suppresses exactly what ListFindings would list.
func FuzzFilterCriteria(f *testing.F) {
	w := sharedListingWorld(f)
	for _, c := range ruleCriteria {
		b, _ := json.Marshal(c)
		f.Add(string(b))
	}
	f.Add(`{"portRange":[{"beginInclusive":-1}],"vulnerablePackages":[{"epoch":{"lowerInclusive":1e308}}]}`)
	f.Add(`{"firstObservedAt":[{"startInclusive":"0001-01-01T00:00:00Z","endInclusive":"9999-12-31T23:59:59Z"}]}`)
	f.Fuzz(func(t *testing.T, data string) {
		var c inspector.FilterCriteria
		if json.Unmarshal([]byte(data), &c) != nil {
			return
		}
		list, err := w.svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{FilterCriteria: &c})
		asServiceError(t, err)
		if err != nil {
			return
		}
		matched := map[string]bool{}
		for _, fd := range list.Findings {
			if fd.Status != inspector.FindingStatusClosed {
				matched[fd.FindingArn] = true
			}
		}
		rule, err := w.svc.CreateFilter(root(admin), region, &inspector.CreateFilterRequest{Name: "fuzz", Action: inspector.FilterActionSuppress, FilterCriteria: &c})
		if err != nil {
			t.Fatalf("CreateFilter rejected criteria ListFindings accepted: %v", err)
		}
		defer func() {
			if _, err := w.svc.DeleteFilter(root(admin), region, &inspector.DeleteFilterRequest{Arn: rule.Arn}); err != nil {
				t.Fatal(err)
			}
		}()
		if c.FindingStatus != nil {
			return // rules test the status before suppression
		}
		own, _ := w.svc.ListFindings(root(admin), region, nil)
		for _, fd := range own.Findings {
			if (fd.Status == inspector.FindingStatusSuppressed) != matched[fd.FindingArn] {
				t.Fatalf("%s: %s, listed by the criteria: %v", fd.Title, fd.Status, matched[fd.FindingArn])
			}
		}
	})
}
