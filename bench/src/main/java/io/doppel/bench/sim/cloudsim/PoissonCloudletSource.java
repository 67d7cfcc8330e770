package io.doppel.bench.sim.cloudsim;

import org.cloudsimplus.brokers.DatacenterBroker;
import org.cloudsimplus.cloudlets.Cloudlet;
import org.cloudsimplus.cloudlets.CloudletSimple;
import org.cloudsimplus.core.CloudSimEntity;
import org.cloudsimplus.core.Simulation;
import org.cloudsimplus.core.events.SimEvent;
import org.cloudsimplus.utilizationmodels.UtilizationModel;
import org.cloudsimplus.utilizationmodels.UtilizationModelFull;

/**
 * The Poisson arrival process as a CloudSim Plus entity: it sends itself one event per arrival and, at each, submits
 * one cloudlet to the broker while the simulation runs (dynamic submission), so the future event queue holds one
 * pending arrival at a time, as in Doppel's kernel, instead of every customer's submission delay from the start.
 */
final class PoissonCloudletSource extends CloudSimEntity {
  /** Our own event tag, clear of CloudSimTag's. */
  private static final int ARRIVAL = 1_000_001;

  private final DatacenterBroker broker;
  private final ExponentialCustomers customers;
  private final double[] arrivals;
  /** Shared by every cloudlet: the CPU is fully used while a cloudlet runs. */
  private final UtilizationModel fullCpu = new UtilizationModelFull();
  private int submitted;

  PoissonCloudletSource(Simulation simulation, DatacenterBroker broker, ExponentialCustomers customers, int count) {
    super(simulation);
    this.broker = broker;
    this.customers = customers;
    this.arrivals = new double[count];
  }

  /** Arrival times (model time), by cloudlet id: ids follow arrival order. */
  double[] arrivals() {
    return arrivals;
  }

  @Override
  protected void startInternal() {
    // the first gap counts from the model's time 0 (see CloudSimTime.EPOCH_SECONDS)
    schedule(CloudSimTime.EPOCH_SECONDS + CloudSimTime.toSeconds(customers.nextGap()), ARRIVAL);
  }

  @Override
  public void processEvent(SimEvent event) {
    if (event.getTag() != ARRIVAL) {
      return; // the simulation's own notices (its end) need nothing from a source
    }
    Cloudlet cloudlet = new CloudletSimple(CloudSimTime.lengthMi(customers.nextDemand()), 1)
        .setUtilizationModelCpu(fullCpu)
        // no RAM or bandwidth: c cloudlets at once must not oversubscribe the VM and slow each other down
        .setUtilizationModelRam(UtilizationModel.NULL)
        .setUtilizationModelBw(UtilizationModel.NULL);
    cloudlet.setId(submitted);
    arrivals[submitted] = CloudSimTime.toModelTime(getSimulation().clock());
    submitted++;
    broker.submitCloudlet(cloudlet);
    scheduleNextArrival();
  }

  private void scheduleNextArrival() {
    if (submitted < arrivals.length) {
      schedule(CloudSimTime.toSeconds(customers.nextGap()), ARRIVAL);
    }
  }
}
