package io.doppel.bench.sim.cloudsim;

import java.util.ArrayList;
import java.util.List;
import org.cloudsimplus.brokers.DatacenterBroker;
import org.cloudsimplus.brokers.DatacenterBrokerSimple;
import org.cloudsimplus.cloudlets.Cloudlet;
import org.cloudsimplus.core.CloudSimPlus;
import org.cloudsimplus.datacenters.DatacenterSimple;
import org.cloudsimplus.hosts.HostSimple;
import org.cloudsimplus.resources.Pe;
import org.cloudsimplus.resources.PeSimple;
import org.cloudsimplus.schedulers.cloudlet.CloudletSchedulerSpaceShared;
import org.cloudsimplus.vms.Vm;
import org.cloudsimplus.vms.VmSimple;

/**
 * An M/M/c queue in CloudSim Plus: one datacenter with one host and one VM of c PEs whose space-shared cloudlet
 * scheduler runs a cloudlet per PE and queues the rest first come, first served; each customer is a one-PE cloudlet
 * whose length makes its service time exponential (rate mu), arriving as a Poisson process (rate lambda) from
 * {@link PoissonCloudletSource}. Every customer arrives and is served: the run ends when the last cloudlet finishes.
 */
public final class CloudletQueue {
  /** Host and VM resources the cloudlets never ask for (their RAM and bandwidth use is zero). */
  private static final long RAM_MB = 1_024;
  private static final long BANDWIDTH_MBPS = 1_000;
  private static final long STORAGE_MB = 10_000;

  private final int servers;
  private final double lambda;
  private final double mu;
  private final int customers;

  public CloudletQueue(int servers, double lambda, double mu, int customers) {
    if (servers < 1) {
      throw new IllegalArgumentException("servers must be at least 1: " + servers);
    }
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be at least 1: " + customers);
    }
    this.servers = servers;
    this.lambda = lambda;
    this.mu = mu;
    this.customers = customers;
  }

  /** One replication: the customers drawn from {@code seed} and {@code replication} (see ExponentialCustomers). */
  public CloudletQueueResult run(long seed, int replication) {
    CloudSimPlus simulation = new CloudSimPlus(CloudSimTime.MIN_TIME_BETWEEN_EVENTS);
    List<Pe> pes = new ArrayList<>(servers);
    for (int i = 0; i < servers; i++) {
      pes.add(new PeSimple(CloudSimTime.MIPS));
    }
    new DatacenterSimple(simulation, List.of(new HostSimple(RAM_MB, BANDWIDTH_MBPS, STORAGE_MB, pes)));
    DatacenterBroker broker = new DatacenterBrokerSimple(simulation);
    Vm vm = new VmSimple(CloudSimTime.MIPS, servers).setRam(RAM_MB).setBw(BANDWIDTH_MBPS).setSize(STORAGE_MB);
    // set after construction: 8.5.5's constructor argument is overwritten by its time-shared default (processor
    // sharing, which would serve every cloudlet at once at a fraction of the speed)
    vm.setCloudletScheduler(new CloudletSchedulerSpaceShared());
    broker.submitVm(vm);
    PoissonCloudletSource source = new PoissonCloudletSource(simulation, broker,
        new ExponentialCustomers(lambda, mu, seed, replication), customers);
    simulation.start();
    return collect(simulation, broker, source.arrivals());
  }

  private CloudletQueueResult collect(CloudSimPlus simulation, DatacenterBroker broker, double[] arrivals) {
    double[] starts = new double[customers];
    double[] finishes = new double[customers];
    List<Cloudlet> finished = broker.getCloudletFinishedList();
    if (finished.size() != customers) {
      throw new IllegalStateException("CloudSim Plus finished " + finished.size() + " of " + customers + " cloudlets");
    }
    for (Cloudlet cloudlet : finished) {
      int id = (int) cloudlet.getId();
      starts[id] = CloudSimTime.toModelTime(cloudlet.getStartTime());
      finishes[id] = CloudSimTime.toModelTime(cloudlet.getFinishTime());
    }
    return new CloudletQueueResult(arrivals, starts, finishes, simulation.getGeneratedEventsNumber());
  }
}
