package inspector_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

// TestConcurrentUse runs operations of every kind from several goroutines
// (run it with -race) and then checks that the counts still agree.
func TestConcurrentUse(t *testing.T) {
	w := listingWorld(t)
	svc := w.svc
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				switch (g + i) % 5 {
				case 0:
					_, _ = svc.ListFindings(root(admin), region, &inspector.ListFindingsRequest{MaxResults: 5})
				case 1:
					_, _ = svc.PutEC2Instance(region, member2, inspector.EC2Instance{InstanceID: fmt.Sprintf("i-c%d", i%3), Platform: "DEBIAN_12",
						Packages: []inspector.Package{curlVuln, xzVuln}[:1+i%2]})
				case 2:
					out, err := svc.CreateFilter(root(admin), region, &inspector.CreateFilterRequest{Name: "c", Action: inspector.FilterActionSuppress,
						FilterCriteria: ruleCriteria[i%len(ruleCriteria)]})
					if err == nil && i%2 == 0 {
						_, _ = svc.DeleteFilter(root(admin), region, &inspector.DeleteFilterRequest{Arn: out.Arn})
					}
				case 3:
					_, _ = svc.ListFindingAggregations(root(admin), region, &inspector.ListFindingAggregationsRequest{AggregationType: inspector.AggregationTypeTitle})
				case 4:
					w.clock.Add(inspector.EnableDelay)
					_, _ = svc.ListCoverage(root(member1), region, nil)
				}
			}
		}()
	}
	wg.Wait()
	checkAggregations(t, w, admin)
}
