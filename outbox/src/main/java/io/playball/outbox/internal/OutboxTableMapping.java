package io.playball.outbox.internal;

import io.playball.outbox.OutboxTable;
import org.eclipse.persistence.config.DescriptorCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;

/**
 * Maps {@link OutboxEntry} to the table {@link OutboxTable} names, so that no {@code orm.xml} has to repeat the name.
 * EclipseLink (Liberty's JPA) runs it when the persistence unit is set up; the application's class loader must see
 * EclipseLink's API ({@code apiTypeVisibility="+third-party"}).
 */
public class OutboxTableMapping implements DescriptorCustomizer {

    @Override
    public void customize(ClassDescriptor descriptor) {
        descriptor.setTableName(OutboxTable.name());
    }
}
